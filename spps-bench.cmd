@echo off
rem Benches of boards of virtual devices: builds itself when stale, then runs with every argument passed through. See README.md.
call "%~dp0tools\build.cmd" src\Spps.Cli.Bench spps-bench || exit /b 2
dotnet "%~dp0.build\spps-bench\spps-bench.dll" %*
exit /b %ERRORLEVEL%
