@echo off
rem Builds one of the solution's programs in Release when its sources are newer than the last build.
rem Usage: tools\build.cmd <project folder under src\> <assembly name>; exit code 2 when the build fails.
setlocal
set "ROOT=%~dp0.."
set "OUT=%ROOT%\.build\%~2"
powershell -NoProfile -ExecutionPolicy Bypass -File "%ROOT%\tools\stale.ps1" -Root "%ROOT%" -Stamp "%OUT%\.built" >nul 2>&1
if not errorlevel 1 exit /b 0
rem A build takes about 20 s: say so, or the silent first run looks like a hang.
if exist "%OUT%\.built" (echo %~2: rebuilding ^(a source changed since the last build, about 20 s^)... 1>&2) else (echo %~2: building ^(first run, about 20 s^)... 1>&2)
if not exist "%OUT%" mkdir "%OUT%"
dotnet build "%ROOT%\%~1" -c Release -o "%OUT%" -nologo -v quiet > "%OUT%\build.log" 2>&1 || (type "%OUT%\build.log" 1>&2 & echo %~2: the build failed. 1>&2 & exit /b 2)
type nul > "%OUT%\.built"
exit /b 0
