@echo off
rem FlashPro Express's production side: builds itself when stale, then runs with every argument passed through. See docs\fpexpress.md.
call "%~dp0tools\build.cmd" src\Spps.Cli.FpExpress fpexpress || exit /b 2
dotnet "%~dp0.build\fpexpress\fpexpress.dll" %*
exit /b %ERRORLEVEL%
