@echo off
rem Makes JDC and SPM inputs for any supported die: builds itself when stale, then runs. See README.md.
call "%~dp0tools\launch.cmd" src\Spps.Cli.JdcGen jdcgen %*
exit /b %ERRORLEVEL%
