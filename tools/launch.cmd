@echo off
rem Builds one of the solution's programs in Release when its sources are newer than the last build, then runs it
rem with every argument passed through and its exit code preserved.
rem Usage: tools\launch.cmd <project folder under src\> <assembly name> [program arguments...]
setlocal
set "ROOT=%~dp0.."
set "PROJECT=%~1"
set "ASSEMBLY=%~2"
set "OUT=%ROOT%\.build\%ASSEMBLY%"
powershell -NoProfile -ExecutionPolicy Bypass -File "%ROOT%\tools\stale.ps1" -Root "%ROOT%" -Stamp "%OUT%\.built" >nul 2>&1
if errorlevel 1 (
  if not exist "%OUT%" mkdir "%OUT%"
  dotnet build "%ROOT%\%PROJECT%" -c Release -o "%OUT%" -nologo -v quiet > "%OUT%\build.log" 2>&1 || (type "%OUT%\build.log" 1>&2 & echo %ASSEMBLY%: the build failed. 1>&2 & exit /b 2)
  type nul > "%OUT%\.built"
)
shift
shift
set "ARGS="
:collect
if "%~1"=="" goto run
set ARGS=%ARGS% %1
shift
goto collect
:run
dotnet "%OUT%\%ASSEMBLY%.dll"%ARGS%
exit /b %ERRORLEVEL%
