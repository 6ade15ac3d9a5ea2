@echo off
rem Makes JDC and SPM inputs for any supported die: builds itself when stale, then runs with every argument passed through. See README.md.
call "%~dp0tools\build.cmd" src\Spps.Cli.JdcGen jdcgen || exit /b 2
dotnet "%~dp0.build\jdcgen\jdcgen.dll" %*
exit /b %ERRORLEVEL%
