@echo off
rem The Job Manager: builds itself when stale, then runs with every argument passed through. See README.md.
call "%~dp0tools\build.cmd" src\Spps.Cli.JobManager jobmanager || exit /b 2
dotnet "%~dp0.build\jobmanager\jobmanager.dll" %*
exit /b %ERRORLEVEL%
