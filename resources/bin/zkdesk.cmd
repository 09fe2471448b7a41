@echo off
rem zkdesk on the command line, from an installed app: runs zkdesk.exe in its CLI mode
rem (--zkdesk-cli) without opening a window. No Node needed; the runAsNode fuse stays off.
rem A windowed program does not write to this console, so its output goes through a file.
setlocal
set "ZKDESK_CLI_OUT=%TEMP%\zkdesk-cli-%RANDOM%%RANDOM%.txt"
"%~dp0..\..\zkdesk.exe" --zkdesk-cli %* > "%ZKDESK_CLI_OUT%" 2>&1
set "ZKDESK_CLI_CODE=%ERRORLEVEL%"
type "%ZKDESK_CLI_OUT%"
del "%ZKDESK_CLI_OUT%" >nul 2>&1
exit /b %ZKDESK_CLI_CODE%
