using System.Globalization;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Stapl;

/// <summary>
/// The PROCEDUREs of our programming files and the DATA GV work registers they use: the JTAG algorithm, in
/// Microchip's style (upper case, 4-space indent, <c>IF ( ! (cond) ) THEN GOTO label;</c>, <c>LABEL_SEPARATOR = 0;</c>
/// after labels, polling loops that only step by -1), with every status check as Microchip's file and DirectC make it
/// (<see cref="StaplAlgorithm"/>). A failure prints its message, sets the exit STATUS and exports the unique exit code
/// as ERROR_CODE before it exits, as Microchip's files do. docs/formats/stapl.md describes the protocol.
/// </summary>
internal static class StaplProcedures
{
    // Poll limits, as in Microchip's file: each poll waits about 10 µs, so the device gets about 10 s to become ready
    // and to check digests, 5 s to take a frame (the first frame may start an erase), 0.3 s for everything else.
    private const int ReadyPolls = 1_000_000;
    private const int DigestPolls = 1_000_000;
    private const int FramePolls = 510_000;
    private const int StatusPolls = 27_777;

    // The tool information shifted with ISC_ENABLE, as the sample builds it: the algorithm version in bits 5..0,
    // the programming protocol (3, JTAG) in bits 28..26 and the programming file type (2, STAPL) in bits 31..29.
    private const int JtagProtocol = 3 << 26;
    private const int StaplFileType = 2 << 29;

    // The procedures that run one action over the datastream: the line they print, the mode FRAME_INIT gets (as
    // Microchip's: 1 program and erase, 2 verify, 0 authenticate), the exit status and unique exit code of a failed
    // frame (DirectC's per action), and the components they shift.
    private static readonly (string Name, string Message, int Mode, int FailureStatus, int FailureCode, bool Erase)[] _actionProcedures =
    [
        ("DO_ERASE", "Erasing FPGA Array...", 1, 8, 32820, true),
        ("DO_PROGRAM", "Programming FPGA Array...", 1, 10, 32824, false),
        ("DO_VERIFY", "Verifying FPGA Array...", 2, 11, 32822, false),
        ("DO_AUTHENTICATION", "Encrypted data authentication...", 0, 11, 32818, false),
    ];

    /// <summary>The DATA GV declarations (without the IDCODE value and mask, which the writer adds).</summary>
    public static IEnumerable<string> Globals(StaplAlgorithm algorithm, IReadOnlyCollection<byte> componentTypes)
    {
        var toolInformation = (uint)(algorithm.AlgorithmVersion | JtagProtocol | StaplFileType);
        var digestRequest = algorithm.DigestSegments.Where(segment => segment.RequestBit is not null && componentTypes.Contains(segment.ComponentType!.Value))
            .Aggregate(algorithm.DigestRequest, (request, segment) => request | (1 << segment.RequestBit!.Value));
        return
        [
            "BOOLEAN ID[32]", "BOOLEAN PASS = 1", "BOOLEAN BUFF32[32]", "BOOLEAN PGMMODE[8]", "BOOLEAN ISC_ENABLE_RESULT[32]",
            "BOOLEAN ISC_DISABLE_RESULT[32]", "BOOLEAN DATA_INIT_RESULT[8]", $"BOOLEAN DATA_STATUS[{algorithm.FrameStatusBits}]",
            "BOOLEAN CHECK_DIGESTS_RESULT[16]", "BOOLEAN READ_FSN_RESULT[129]",
            $"BOOLEAN TOOLINFO[32] = ${StaplHexLiteral.Encode(toolInformation)}",
            $"BOOLEAN CHECK_DIGESTS_INPUT[16] = ${digestRequest.ToString("x4", CultureInfo.InvariantCulture)}",
            .. ((string[])["STATUS", "UNIQUEEXITCODE", "FAILURESTATUS", "FAILUREEXITCODE", "BPGMMODE", "IPOLL", "DATAINDEX", "COMPONENTNO",
                    "FIRSTCOMPONENT", "LASTCOMPONENT", "BLOCKNO", "COUNTLO", "COUNTHI", "CURRNUMOFBLOCKS", "COMPTYPE", "DIGEST_ERROR"])
                .Concat(algorithm.FrameStatusFields.Select(field => field.Name)).Append("LABEL_SEPARATOR")
                .Select(name => $"INTEGER {name} =0"),
        ];
    }

    public static string Text(StaplAlgorithm algorithm, IReadOnlyCollection<byte> componentTypes)
    {
        var op = algorithm.Opcodes;
        IEnumerable<IEnumerable<string>> procedures =
        [
            DoExit(op),
            Procedure("FAIL_EXIT", "GV,DO_EXIT",
                "BUFF32[15..0] = BOOL(UNIQUEEXITCODE);",
                "EXPORT \"ERROR_CODE\", BUFF32[15..0];",
                "CALL DO_EXIT;"),
            VerifyIdcode(),
            Procedure("PRINT_IDCODE", "GV", "EXPORT \"IDCODE\", ID[];", "LABEL_SEPARATOR = 0;"),
            PollDeviceReady(op),
            ProcEnable(algorithm),
            SetMode(op),
            ReportFrameError(algorithm),
            ProcessData(algorithm),
            .. _actionProcedures.Select(ActionProcedure),
            DoVerifyDigest(algorithm, componentTypes),
            ReadFsn(op),
            DoDeviceInfo(algorithm),
        ];
        return string.Join("\n\n", procedures.Select(lines => string.Join("\n", lines)));
    }

    private static IEnumerable<string> DoExit(JtagOpcodes op) => Procedure("DO_EXIT", "GV",
    [
        "IF ( ! (BPGMMODE==1) ) THEN GOTO SKIP_ISC_DISABLE;",
        $"IRSCAN 8, {Hex(op.IscDisable)};",
        "WAIT IDLE, 3 CYCLES;",
        "WAIT 10 USEC;",
        .. Poll("ISC_DISABLE", "ISC_DISABLE_RESULT", 32, StatusPolls),
        "BPGMMODE = 0;",
        // A failure to leave programming mode must not hide the failure that ended the action.
        "IF ( ! ( (PASS==0)&&(STATUS==0)) ) THEN GOTO SKIP_ISC_DISABLE;",
        "PRINT \"Failed to disable programming mode.\";",
        "STATUS = 16;",
        "SKIP_ISC_DISABLE:",
        "WAIT RESET, 5 CYCLES;",
        "EXIT STATUS;",
    ]);

    private static IEnumerable<string> VerifyIdcode() => Procedure("VERIFY_IDCODE", "GV,PARAMETERS,FAIL_EXIT",
    [
        "FREQUENCY (FREQ*1000000);",
        "WAIT RESET, 5 CYCLES;",
        "PASS = 0;",
        "IRSTOP IRPAUSE;",
        "DRSTOP DRPAUSE;",
        $"IRSCAN 8, {Hex(JtagOpcodes.IdCode)};",
        "DRSCAN 32, $00000000;",
        "WAIT IDLE, 1 CYCLES;",
        "DRSCAN 32, $00000000, CAPTURE ID[],COMPARE IDCODEVALUE[],IDMASK[],PASS;",
        "IF ( ! (PASS==0) ) THEN GOTO IDOK;",
        .. Fail("Failed to verify IDCODE", 6, 32772),
        "IDOK:",
        "LABEL_SEPARATOR = 0;",
    ]);

    // ISC_NOOP's 8-bit status: bit 7 is busy (the sample's POLL_DEVICE_READY, DirectC's dp_G4M/G5M_poll_device_ready).
    private static IEnumerable<string> PollDeviceReady(JtagOpcodes op) => Procedure("POLL_DEVICE_READY", "GV,FAIL_EXIT",
    [
        "PASS = 0;",
        $"IRSCAN 8, {Hex(op.IscNoop)};",
        $"FOR IPOLL = {ReadyPolls} TO 0 STEP -1;",
        "    WAIT IDLE, 3 CYCLES;",
        "    WAIT 10 USEC;",
        "    DRSCAN 8, $00, COMPARE $00,$80,PASS;",
        "    IF PASS THEN IPOLL = 0;",
        "NEXT IPOLL;",
        "IF ( ! (PASS==0) ) THEN GOTO DEVICE_READY;",
        .. Fail("Device is busy.", 5, 32818),
        "DEVICE_READY:",
        "LABEL_SEPARATOR = 0;",
    ]);

    // ISC_ENABLE's 32-bit result: bit 31 busy, bit 0 CRCERR, bit 1 EDCERR. Bit 0 set is the failure, never bit 0 clear.
    private static IEnumerable<string> ProcEnable(StaplAlgorithm algorithm)
    {
        var failure = "(PASS==0)||(ISC_ENABLE_RESULT[0]==1)" + (algorithm.RefusesEmptyEnableResult ? "||(INT(ISC_ENABLE_RESULT[31..0])==0)" : string.Empty);
        string[] upk1Lock = algorithm.DetectsUpk1Lock
            ?
            [
                "EXPORT \"EDCERR\", ISC_ENABLE_RESULT[1..1];",
                "IF ( ! (INT(ISC_ENABLE_RESULT[23..0])==INT(TOOLINFO[23..0])) ) THEN GOTO JTAG_NOT_LOCKED;",
                .. Fail("JTAG interface is protected by UPK1", -30, 32815),
                "JTAG_NOT_LOCKED:",
                "LABEL_SEPARATOR = 0;",
            ]
            : [];
        return Procedure("PROC_ENABLE", "GV,POLL_DEVICE_READY,FAIL_EXIT",
        [
            "CALL POLL_DEVICE_READY;",
            "BPGMMODE = 1;",
            $"IRSCAN 8, {Hex(algorithm.Opcodes.IscEnable)};",
            "DRSCAN 32, TOOLINFO[];",
            "WAIT IDLE, 3 CYCLES;",
            "WAIT 10 USEC;",
            .. Poll("ISC_ENABLE", "ISC_ENABLE_RESULT", 32, StatusPolls),
            "EXPORT \"ISC_ENABLE_RESULT\", ISC_ENABLE_RESULT[];",
            "EXPORT \"CRCERR\", ISC_ENABLE_RESULT[0..0];",
            .. upk1Lock,
            $"IF ( ! ({failure}) ) THEN GOTO ISC_ENABLE_PASS;",
            .. Fail("Failed to enter programming mode.", 5, 32771),
            "ISC_ENABLE_PASS:",
            "LABEL_SEPARATOR = 0;",
        ]);
    }

    // FRAME_INIT's 8-bit status: bit 7 busy (the sample's SET_MODE, DirectC's dp_set_mode).
    private static IEnumerable<string> SetMode(JtagOpcodes op) => Procedure("SET_MODE", "GV,FAIL_EXIT",
    [
        $"IRSCAN 8, {Hex(op.FrameInit)};",
        "DRSCAN 8, PGMMODE[];",
        "WAIT IDLE, 3 CYCLES;",
        "WAIT 10 USEC;",
        .. Poll("DATA_INIT", "DATA_INIT_RESULT", 8, StatusPolls),
        "IF ( ! (PASS==0) ) THEN GOTO DATA_INIT_PASS;",
        .. Fail("Failed to set programming mode", 5, 32770),
        "DATA_INIT_PASS:",
        "LABEL_SEPARATOR = 0;",
    ]);

    // A frame the device refused (FRAME_STATUS bit 2): the messages, status and unique code of its error fields.
    private static IEnumerable<string> ReportFrameError(StaplAlgorithm algorithm)
    {
        var lines = new List<string> { "STATUS = FAILURESTATUS;", "UNIQUEEXITCODE = FAILUREEXITCODE;" };
        lines.AddRange(algorithm.FrameStatusFields.Select(field => $"{field.Name} = INT(DATA_STATUS[{field.High}..{field.Low}]);"));
        foreach (var (error, index) in algorithm.FrameErrors.Select((error, index) => (error, index + 1)))
        {
            lines.Add($"IF ( ! ({error.Condition}) ) THEN GOTO FRAME_ERROR_{index};");
            lines.Add($"PRINT \"{error.Message}\";");
            lines.AddRange(error.Status is { } status ? [$"STATUS = {status};"] : []);
            lines.AddRange(error.Code is { } code ? [$"UNIQUEEXITCODE = {code};"] : []);
            lines.AddRange([$"FRAME_ERROR_{index}:", "LABEL_SEPARATOR = 0;"]);
        }

        foreach (var (type, name) in algorithm.ComponentNames)
        {
            lines.AddRange([$"IF ( ! (COMPTYPE=={type}) ) THEN GOTO NOT_COMPONENT_{type};", $"PRINT \"Component: {name}\";", $"NOT_COMPONENT_{type}:",
                "LABEL_SEPARATOR = 0;"]);
        }

        lines.AddRange(["PRINT \"componentNo: \", COMPONENTNO;", "PRINT \"blockNo: \", BLOCKNO;", "EXPORT \"DATA_STATUS_RESULT\", DATA_STATUS[];", "CALL FAIL_EXIT;"]);
        return Procedure("REPORT_FRAME_ERROR", "GV,FAIL_EXIT", lines);
    }

    // Each 128-bit block goes with FRAME_DATA; FRAME_STATUS is then polled until its top bit (busy) clears, and bit 2
    // set means the device refused the block.
    private static IEnumerable<string> ProcessData(StaplAlgorithm algorithm)
    {
        var op = algorithm.Opcodes;
        var typeBit = BitstreamFormat.TypeOffset * 8;
        return Procedure("PROCESS_DATA", "BITSTREAM,GV,REPORT_FRAME_ERROR,FAIL_EXIT",
        [
            "FOR COMPONENTNO = FIRSTCOMPONENT TO LASTCOMPONENT STEP 1;",
            $"    COUNTLO = ((COMPONENTNO-1)*{BlockCounts.BitsPerCount});",
            $"    COUNTHI = (COUNTLO+{BlockCounts.BitsPerCount - 1});",
            "    CURRNUMOFBLOCKS = INT(NUMOFBLOCKS[COUNTHI..COUNTLO]);",
            $"    COMPTYPE = INT(DATASTREAM[(DATAINDEX+{typeBit + 7})..(DATAINDEX+{typeBit})]);",
            "    FOR BLOCKNO = 1 TO CURRNUMOFBLOCKS STEP 1;",
            $"        IRSCAN 8, {Hex(op.FrameData)};",
            "        DRSCAN 128, DATASTREAM[(DATAINDEX+127)..DATAINDEX];",
            "        WAIT IDLE, 3 CYCLES;",
            $"        IRSCAN 8, {Hex(op.FrameStatus)};",
            .. Poll("FRAME_STATUS", "DATA_STATUS", algorithm.FrameStatusBits, FramePolls).Select(line => "        " + line),
            "        IF ( ! (PASS==0) ) THEN GOTO FRAME_ANSWERED;",
            "        PRINT \"Instruction timed out.\";",
            "        PRINT \"componentNo: \", COMPONENTNO;",
            "        PRINT \"blockNo: \", BLOCKNO;",
            "        STATUS = -32;",
            "        UNIQUEEXITCODE = FAILUREEXITCODE;",
            "        CALL FAIL_EXIT;",
            "        FRAME_ANSWERED:",
            "        IF ( ! (DATA_STATUS[2]==1) ) THEN GOTO FRAME_ACCEPTED;",
            "        CALL REPORT_FRAME_ERROR;",
            "        FRAME_ACCEPTED:",
            "        DATAINDEX = (DATAINDEX+128);",
            "    NEXT BLOCKNO;",
            "NEXT COMPONENTNO;",
        ]);
    }

    private static IEnumerable<string> ActionProcedure((string Name, string Message, int Mode, int FailureStatus, int FailureCode, bool Erase) action) =>
        Procedure(action.Name, "GV,BITSTREAM,SET_MODE,PROCESS_DATA",
        [
            $"PRINT \"{action.Message}\";",
            $"FAILURESTATUS = {action.FailureStatus};",
            $"FAILUREEXITCODE = {action.FailureCode};",
            $"PGMMODE[7..0] = ${action.Mode:x2};",
            "CALL SET_MODE;",
            // The erase components follow the program components (DirectC's G4 and G5 erase loops).
            .. action.Erase
                ? (string[])["DATAINDEX = DATAERASESTARTINDEX;", "FIRSTCOMPONENT = (NUMOFCOMPONENTS-(DATAERASESIZE-1));", "LASTCOMPONENT = NUMOFCOMPONENTS;"]
                : ["DATAINDEX = 0;", "FIRSTCOMPONENT = 1;", "LASTCOMPONENT = DATASIZE;"],
            "CALL PROCESS_DATA;",
        ]);

    // CHECK_DIGESTS's 16-bit result: bit 15 busy, then the checks of the sample's DO_VERIFY_DIGEST (G4) or DirectC's
    // dp_G5M_verify_digest_action (G5); each segment the bitstream programs must match.
    private static IEnumerable<string> DoVerifyDigest(StaplAlgorithm algorithm, IReadOnlyCollection<byte> componentTypes)
    {
        var lines = new List<string>
        {
            "PRINT \"Verifying digest...\";",
            $"IRSCAN 8, {Hex(JtagOpcodes.CheckDigests)};",
            "DRSCAN 16, CHECK_DIGESTS_INPUT[];",
            "WAIT IDLE, 3 CYCLES;",
            "WAIT 10 USEC;",
        };
        lines.AddRange(Poll("CHECK_DIGESTS", "CHECK_DIGESTS_RESULT", 16, DigestPolls));
        lines.Add("IF ( ! (PASS==0) ) THEN GOTO DIGEST_ANSWERED;");
        lines.AddRange(Fail("Failed to verify digest.", -19, 32788));
        lines.Add("DIGEST_ANSWERED:");
        if (algorithm.DetectsDigestLock)
        {
            lines.Add("IF ( ! (INT(CHECK_DIGESTS_RESULT[13..10])==INT(CHECK_DIGESTS_INPUT[13..10])) ) THEN GOTO DIGEST_NOT_LOCKED;");
            lines.AddRange(Fail("Digest request from SPI/JTAG is protected by user pass key 1.", -18, 32787));
            lines.Add("DIGEST_NOT_LOCKED:");
        }

        lines.Add($"IF ( ! ({algorithm.DigestRefused}) ) THEN GOTO DIGEST_NOT_REFUSED;");
        lines.AddRange(Fail("Failed to verify digest.", -19, 32788));
        lines.AddRange(["DIGEST_NOT_REFUSED:", "DIGEST_ERROR = 0;"]);
        foreach (var segment in algorithm.DigestSegments.Where(segment => segment.ComponentType is not { } type || componentTypes.Contains(type)))
        {
            var bit = segment.ResultBit;
            lines.AddRange(
            [
                $"IF ( ! (CHECK_DIGESTS_RESULT[{bit}]==1) ) THEN GOTO DIGEST_FAIL_{bit};",
                $"PRINT \"{segment.Name} digest verification: PASS\";",
                $"GOTO DIGEST_DONE_{bit};",
                $"DIGEST_FAIL_{bit}:",
                $"PRINT \"{segment.Name} digest verification: FAIL\";",
                $"UNIQUEEXITCODE = {segment.Code};",
                "DIGEST_ERROR = 1;",
                $"DIGEST_DONE_{bit}:",
                "LABEL_SEPARATOR = 0;",
            ]);
        }

        lines.AddRange(["IF ( ! (DIGEST_ERROR==1) ) THEN GOTO DIGESTS_PASSED;", "STATUS = -20;", "CALL FAIL_EXIT;", "DIGESTS_PASSED:", "LABEL_SEPARATOR = 0;"]);
        return Procedure("DO_VERIFY_DIGEST", "GV,FAIL_EXIT", lines);
    }

    // READ_FSN's 129-bit result: bit 128 busy, bits 127..0 the DSN (the sample's READ_FSN).
    private static IEnumerable<string> ReadFsn(JtagOpcodes op) => Procedure("READ_FSN", "GV,FAIL_EXIT",
    [
        $"IRSCAN 8, {Hex(op.ReadFsn)};",
        $"DRSCAN 129, {Zeros(129)};",
        "WAIT IDLE, 3 CYCLES;",
        "WAIT 10 USEC;",
        .. Poll("READ_FSN", "READ_FSN_RESULT", 129, StatusPolls),
        "IF ( ! (PASS==0) ) THEN GOTO READ_FSN_PASS;",
        .. Fail("Failed to read DSN.", -24, 32769),
        "READ_FSN_PASS:",
        "EXPORT \"DSN\", READ_FSN_RESULT[127..0];",
    ]);

    // The instruction register captured while ISC_NOOP is shifted in says whether the array is enabled: bit 2 on G4
    // (the sample), bit 7 on G5 (DirectC's dp_G5M_check_core_status).
    private static IEnumerable<string> DoDeviceInfo(StaplAlgorithm algorithm) => Procedure("DO_DEVICE_INFO", "GV,PRINT_IDCODE,READ_FSN",
    [
        "CALL PRINT_IDCODE;",
        $"IRSCAN 8, {Hex(JtagOpcodes.UserCode)};",
        "WAIT IDLE, 1 CYCLES;",
        "DRSCAN 32, $00000000, CAPTURE BUFF32[];",
        "IF ( ! (INT(BUFF32[31..0])==-1) ) THEN GOTO NOT_EMPTY_SILSIG;",
        "BUFF32[31..0] = $00000000;",
        "NOT_EMPTY_SILSIG:",
        "EXPORT \"SILSIG\", BUFF32[];",
        $"IRSCAN 8, {Hex(algorithm.Opcodes.IscNoop)}, CAPTURE BUFF32[7..0];",
        $"IF ( ! (BUFF32[{algorithm.CoreEnabledBit}]==1) ) THEN GOTO CORE_NOT_ENABLED;",
        "PRINT \"FPGA Array is programmed and enabled.\";",
        "GOTO CORE_STATUS_DONE;",
        "CORE_NOT_ENABLED:",
        "PRINT \"FPGA Array is not enabled.\";",
        "CORE_STATUS_DONE:",
        "CALL READ_FSN;",
    ]);

    // Polls a status register (already selected) until its top bit, busy, clears; PASS says whether it did.
    private static IEnumerable<string> Poll(string label, string register, int bits, int polls) =>
    [
        "PASS = 0;",
        $"FOR IPOLL = {polls} TO 0 STEP -1;",
        $"    DRSCAN {bits}, {Zeros(bits)}, CAPTURE {register}[];",
        $"    IF ( ! ({register}[{bits - 1}]==0) ) THEN GOTO {label}_BUSY;",
        "    IPOLL = 0;",
        "    PASS = 1;",
        $"    {label}_BUSY:",
        "    WAIT IDLE, 10 USEC;",
        "NEXT IPOLL;",
    ];

    private static IEnumerable<string> Fail(string message, int status, int code) =>
        [$"PRINT \"{message}\";", $"STATUS = {status};", $"UNIQUEEXITCODE = {code};", "CALL FAIL_EXIT;"];

    private static IEnumerable<string> Procedure(string name, string uses, params IEnumerable<string> body) =>
        [$"PROCEDURE {name} USES {uses};", .. body.Select(line => "    " + line), "ENDPROC;"];

    private static string Hex(byte opcode) => "$" + opcode.ToString("x2", CultureInfo.InvariantCulture);

    private static string Zeros(int bits) => "$" + new string('0', (bits + 3) / 4);
}
