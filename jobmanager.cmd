@echo off
rem The Job Manager: builds itself when stale, then runs. See README.md.
setlocal
set "ROOT=%~dp0"
set "OUT=%ROOT%.build\jobmanager"
powershell -NoProfile -ExecutionPolicy Bypass -File "%ROOT%tools\stale.ps1" -Root "%ROOT%." -Stamp "%OUT%\.built" >nul 2>&1
if errorlevel 1 (
  if not exist "%OUT%" mkdir "%OUT%"
  dotnet build "%ROOT%src\Spps.Cli.JobManager" -c Release -o "%OUT%" -nologo -v quiet > "%OUT%\build.log" 2>&1 || (type "%OUT%\build.log" 1>&2 & echo jobmanager: the build failed. 1>&2 & exit /b 2)
  type nul > "%OUT%\.built"
)
dotnet "%OUT%\jobmanager.dll" %*
exit /b %ERRORLEVEL%
