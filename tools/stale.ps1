# Exit code 0 when the build stamp is newer than every source file, 1 when a rebuild is needed.
param([string]$Root, [string]$Stamp)
if (-not (Test-Path $Stamp)) { exit 1 }
$built = (Get-Item $Stamp).LastWriteTimeUtc
$inputs = @((Join-Path $Root 'src'), (Join-Path $Root 'Directory.Build.props'), (Join-Path $Root 'Directory.Packages.props'), (Join-Path $Root 'global.json'))
$newer = Get-ChildItem -Path $inputs -Recurse -Force -ErrorAction SilentlyContinue |
    Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' -and $_.LastWriteTimeUtc -gt $built } |
    Select-Object -First 1
if ($newer) { exit 1 } else { exit 0 }
