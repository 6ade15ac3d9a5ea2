namespace Spps.Formats.Stapl;

/// <summary>
/// The PROCEDUREs of our programming files: the JTAG algorithm, in Microchip's style (upper case, 4-space indent,
/// <c>IF ( ! (cond) ) THEN GOTO label;</c>, <c>LABEL_SEPARATOR = 0;</c> after labels, polling loops that only step by
/// -1). The device protocol they speak is documented in docs/formats/stapl.md: enter programming with ISC_ENABLE, choose
/// the action with FRAME_INIT, shift each 128-bit block with FRAME_DATA and poll FRAME_STATUS after it (bit 31 busy,
/// bit 2 error, bits 15..8 the error code), leave with ISC_DISABLE.
/// </summary>
internal static class StaplProcedures
{
    // The procedures that run one action over the datastream: the action code SET_MODE sends, the exit code when the
    // device refuses a block, and how many components are shifted (ERASE and VERIFY_DIGEST need only the header).
    private static readonly (string Name, string Action, int FailureStatus, string LastComponent)[] _actionProcedures =
    [
        ("DO_ERASE", "ACTION_ERA", 8, "1"),
        ("DO_PROGRAM", "ACTION_PROG", 10, "NUMOFCOMPONENTS"),
        ("DO_VERIFY", "ACTION_VER", 11, "NUMOFCOMPONENTS"),
        ("DO_AUTHENTICATION", "ACTION_AUTH", 11, "NUMOFCOMPONENTS"),
        ("DO_VERIFY_DIGEST", "ACTION_DIGEST", 11, "1"),
    ];

    public static string Text(JtagOpcodes op)
    {
        string H(byte opcode) => "$" + opcode.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
        return $$"""
            PROCEDURE DO_EXIT USES GV;
                IF ( ! (BPGMMODE==1) ) THEN GOTO NOT_IN_PGM_MODE;
                IRSCAN 8, {{H(op.IscDisable)}};
                WAIT IDLE, 3 CYCLES;
                WAIT 200 USEC;
                BPGMMODE = 0;
                NOT_IN_PGM_MODE:
                IRSCAN 8, {{H(JtagOpcodes.Bypass)}};
                WAIT RESET, 5 CYCLES;
                EXIT STATUS;
            ENDPROC;

            PROCEDURE VERIFY_IDCODE USES GV,PARAMETERS,DO_EXIT;
                FREQUENCY (FREQ*1000000);
                WAIT RESET, 5 CYCLES;
                PASS = 0;
                IRSTOP IRPAUSE;
                DRSTOP DRPAUSE;
                IRSCAN 8, {{H(JtagOpcodes.IdCode)}};
                DRSCAN 32, $00000000;
                WAIT IDLE, 1 CYCLES;
                DRSCAN 32, $00000000, CAPTURE ID[],COMPARE IDCODEVALUE[],IDMASK[],PASS;
                IF ( ! (PASS==0) ) THEN GOTO IDOK;
                STATUS = 6;
                PRINT "Failed to verify IDCODE";
                CALL DO_EXIT;
                IDOK:
                LABEL_SEPARATOR = 0;
            ENDPROC;

            PROCEDURE PRINT_IDCODE USES GV;
                EXPORT "IDCODE", ID[];
                LABEL_SEPARATOR = 0;
            ENDPROC;

            PROCEDURE PROC_ENABLE USES GV,DO_EXIT;
                PASS = 0;
                IRSCAN 8, {{H(op.IscEnable)}};
                DRSCAN 32, $00000000;
                WAIT IDLE, 3 CYCLES;
                FOR IPOLL = 10000 TO 0 STEP -1;
                    DRSCAN 32, $00000000, CAPTURE ENABLE_STATUS[];
                    IF ( ! (ENABLE_STATUS[31]==0) ) THEN GOTO ENABLE_BUSY;
                    IPOLL = 0;
                    PASS = ENABLE_STATUS[0];
                    ENABLE_BUSY:
                    WAIT IDLE, 10 USEC;
                NEXT IPOLL;
                IF ( ! (PASS==0) ) THEN GOTO ENABLE_OK;
                STATUS = 5;
                PRINT "Failed to enter programming mode.";
                CALL DO_EXIT;
                ENABLE_OK:
                BPGMMODE = 1;
                LABEL_SEPARATOR = 0;
            ENDPROC;

            PROCEDURE SET_MODE USES GV;
                MODE_DATA[7..0] = BOOL(ACTIONTYPE);
                IRSCAN 8, {{H(op.FrameInit)}};
                DRSCAN 8, MODE_DATA[7..0];
                WAIT IDLE, 3 CYCLES;
            ENDPROC;

            PROCEDURE GET_DATA_STATUS USES GV,DO_EXIT;
                PASS = 0;
                IRSCAN 8, {{H(op.FrameStatus)}};
                FOR IPOLL = 100000 TO 0 STEP -1;
                    DRSCAN 32, $00000000, CAPTURE DATA_STATUS[];
                    IF ( ! (DATA_STATUS[31]==0) ) THEN GOTO DATA_BUSY;
                    IPOLL = 0;
                    PASS = 1;
                    DATA_BUSY:
                    LABEL_SEPARATOR = 0;
                NEXT IPOLL;
                IF ( ! (PASS==0) ) THEN GOTO DATA_DONE;
                PRINT "Instruction timed out.";
                STATUS = FAILURESTATUS;
                CALL DO_EXIT;
                DATA_DONE:
                IF ( ! (DATA_STATUS[2]==1) ) THEN GOTO DATA_OK;
                PRINT "The device refused the bitstream.";
                PRINT "Error code: ", INT(DATA_STATUS[15..8]);
                PRINT "componentNo: ", COMPONENTNO;
                PRINT "blockNo: ", BLOCKNO;
                STATUS = FAILURESTATUS;
                CALL DO_EXIT;
                DATA_OK:
                LABEL_SEPARATOR = 0;
            ENDPROC;

            PROCEDURE PROCESS_DATA USES BITSTREAM,GV,GET_DATA_STATUS;
                DATAINDEX = 0;
                FOR COMPONENTNO = 1 TO LASTCOMPONENT STEP 1;
                    COUNTLO = ((COMPONENTNO-1)*22);
                    COUNTHI = (COUNTLO+21);
                    CURRNUMOFBLOCKS = INT(NUMOFBLOCKS[COUNTHI..COUNTLO]);
                    FOR BLOCKNO = 1 TO CURRNUMOFBLOCKS STEP 1;
                        IRSCAN 8, {{H(op.FrameData)}};
                        DRSCAN 128, DATASTREAM[(DATAINDEX+127)..DATAINDEX];
                        WAIT IDLE, 3 CYCLES;
                        CALL GET_DATA_STATUS;
                        DATAINDEX = (DATAINDEX+128);
                    NEXT BLOCKNO;
                NEXT COMPONENTNO;
            ENDPROC;

            {{string.Join("\n\n", _actionProcedures.Select(ActionProcedure))}}

            PROCEDURE DO_DEVICE_INFO USES GV;
                IRSCAN 8, {{H(JtagOpcodes.UserCode)}};
                DRSCAN 32, $00000000, CAPTURE BUFF32[];
                EXPORT "SILSIG", BUFF32[];
                IRSCAN 8, {{H(op.ReadFsn)}};
                DRSCAN 128, $00000000000000000000000000000000, CAPTURE DSN[];
                EXPORT "DSN", DSN[];
                IRSCAN 8, {{H(op.IscNoop)}};
                DRSCAN 32, $00000000, CAPTURE BUFF32[];
                IF ( ! (BUFF32[2]==1) ) THEN GOTO ARRAY_NOT_ENABLED;
                PRINT "FPGA Array is programmed and enabled.";
                GOTO ARRAY_STATUS_DONE;
                ARRAY_NOT_ENABLED:
                PRINT "FPGA Array is not enabled.";
                ARRAY_STATUS_DONE:
                LABEL_SEPARATOR = 0;
            ENDPROC;
            """;
    }

    private static string ActionProcedure((string Name, string Action, int FailureStatus, string LastComponent) procedure) => $"""
        PROCEDURE {procedure.Name} USES GV,BITSTREAM,SET_MODE,PROCESS_DATA;
            ACTIONTYPE = {procedure.Action};
            FAILURESTATUS = {procedure.FailureStatus};
            LASTCOMPONENT = {procedure.LastComponent};
            CALL SET_MODE;
            CALL PROCESS_DATA;
        ENDPROC;
        """;
}
