@echo off
rem The software HSM: builds itself when stale, then runs with every argument passed through. See README.md.
call "%~dp0tools\build.cmd" src\Spps.Cli.Hsm spps-hsm || exit /b 2
dotnet "%~dp0.build\spps-hsm\spps-hsm.dll" %*
exit /b %ERRORLEVEL%
