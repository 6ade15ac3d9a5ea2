@echo off
rem The Job Manager: builds itself when stale, then runs. See README.md.
call "%~dp0tools\launch.cmd" src\Spps.Cli.JobManager jobmanager %*
exit /b %ERRORLEVEL%
