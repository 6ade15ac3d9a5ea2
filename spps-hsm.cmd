@echo off
rem The software HSM: builds itself when stale, then runs. See README.md.
call "%~dp0tools\launch.cmd" src\Spps.Cli.Hsm spps-hsm %*
exit /b %ERRORLEVEL%
