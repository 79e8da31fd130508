#!/usr/bin/env bash
# Proves the package a user gets works: packs the facade (src/Tessera) into a local folder, then
# builds and runs, outside the repository, a small program (Program.cs.txt) whose only Tessera
# reference is the package restored from that folder. Packages are restored into a fresh folder,
# so a Tessera package cached by an earlier run is never used.
#   tools/PackageCheck/check.sh            (test.sh runs it)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tessera-package-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

# TesseraPack=true keeps the layers out of the package's dependencies (they ship inside it).
dotnet pack "$repo/src/Tessera" -c Release -nologo -v quiet -p:TesseraPack=true -o "$work/feed" >"$work/pack.log" 2>&1 ||
  { cat "$work/pack.log" >&2; echo "check.sh: packing src/Tessera failed" >&2; exit 1; }
package=$(cd "$work/feed" && ls Tessera.*.nupkg)
version=${package#Tessera.}
version=${version%.nupkg}
# Every layer must be inside, and none listed as a package of its own.
listing=$(unzip -l "$work/feed/$package")
for layer in Tessera Tessera.Core Tessera.Scheduler Tessera.Kernels Tessera.IO Tessera.Arrays; do
  grep -q "lib/net10.0/$layer.dll" <<<"$listing" || { echo "check.sh: $package lacks lib/net10.0/$layer.dll" >&2; exit 1; }
done
if unzip -p "$work/feed/$package" Tessera.nuspec | grep -q 'id="Tessera\.'; then
  echo "check.sh: $package lists a layer as a package dependency; layers ship inside it" >&2
  unzip -p "$work/feed/$package" Tessera.nuspec >&2
  exit 1
fi

mkdir "$work/app"
cp "$here/Program.cs.txt" "$work/app/Program.cs"
sed "s/@VERSION@/$version/" "$here/PackageCheck.csproj.txt" >"$work/app/PackageCheck.csproj"
# The local folder first; the configured sources still serve the package's own dependencies.
cat >"$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="tessera-local" value="$work/feed" />
  </packageSources>
</configuration>
XML
(cd "$work/app" && dotnet restore -nologo -v quiet --packages "$work/packages" >"$work/restore.log" 2>&1) ||
  { cat "$work/restore.log" >&2; echo "check.sh: restoring Tessera $version from the local folder failed" >&2; exit 1; }
(cd "$work/app" && dotnet build -c Release -nologo -v quiet --no-restore -clp:ErrorsOnly >"$work/build.log" 2>&1) ||
  { cat "$work/build.log" >&2; echo "check.sh: a program using only the Tessera package does not build" >&2; exit 1; }
(cd "$work/app" && dotnet run -c Release --no-build) ||
  { echo "check.sh: the program built against the Tessera package gave wrong results" >&2; exit 1; }
echo "check.sh: Tessera $version packs, restores, builds and runs"
