#!/usr/bin/env bash
# The one test command: installs missing test prerequisites when it can, checks formatting
# and generated files, then runs every test project of the solution.
#   ./test.sh                 everything
#   ./test.sh --filter EXPR   passed on to dotnet test (e.g. --filter "FullyQualifiedName~Delayed")
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use as oracles (numpy, h5py, dask, h5dump, scikit-learn, xarray,
# zarr, ncdump), Graphviz, and Chromium
# with its driver for the dashboard's browser tests. Installed
# only when missing and only when we may (root + apt). The GPU path needs none: ILGPU's CPU
# accelerator runs its kernels in-process, and its PTX tests need no driver. (ILGPU's OpenCL
# accelerator refuses PoCL, so no OpenCL package is installed; the probe records it as absent.)
packages=(python3-numpy python3-h5py python3-dask python3-distributed python3-pandas
          python3-netcdf4 python3-tables hdf5-tools libaec-tools graphviz libopenblas0-pthread unzip
          chromium chromium-driver python3-sklearn python3-xarray python3-zarr netcdf-bin)
missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]}"
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}") \
      >/tmp/tessera-apt.log 2>&1 || { echo "test.sh: apt-get failed, see /tmp/tessera-apt.log" >&2; tail -20 /tmp/tessera-apt.log >&2; exit 1; }
  else
    echo "test.sh: missing ${missing[*]} and cannot install them (not root or no apt); parity tests will say so" >&2
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "test.sh: checking generated files and formatting"
python3 tools/generate-delayed-calls.py --check
dotnet format Tessera.slnx --verify-no-changes -v quiet || {
  echo "test.sh: formatting differs from .editorconfig; run 'dotnet format Tessera.slnx' and commit" >&2; exit 1; }

echo "test.sh: building"
dotnet build Tessera.slnx -c Release -nologo -v quiet -clp:ErrorsOnly

# --- Package check (issue #22): the facade as a user gets it. Packs src/Tessera into a local
# folder and builds and runs a small program outside the repository that restores only that
# package and calls Delayed, arrays and HDF5 (tools/PackageCheck/check.sh).
echo "test.sh: checking the Tessera package"
tools/PackageCheck/check.sh || { echo "test.sh: the Tessera package check failed" >&2; exit 1; }
# --- end of the package check

echo "test.sh: testing"
log=$(mktemp)
status=0
dotnet test Tessera.slnx -c Release --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?
# The array suite again with every computation on ILGPU's CPU accelerator: the same test classes,
# the device chosen through TESSERA_DEVICE, so blocks live in ILGPU buffers end to end and run the
# C# kernels CUDA and OpenCL run. It needs no driver, so it always runs. The emulator runs each GPU
# thread in turn: the whole suite took 8.5 min on a 2-core machine (about 16 min of test time;
# GEMM/contraction, arg-reduction, HDF5 and mask classes were 60% of it), too long beside the rest
# of this script. By default it runs the classes that exercise device residency, the device
# memory tier, reductions, elementwise chains, structure and stores (about 2 min); the GEMM and
# arg-reduction kernels have their own ilgpu-cpu classes in tests/Kernels.Tests/IlGpu.
# ILGPU_ARRAY_FILTER=EXPR runs another selection, ILGPU_ARRAY_FILTER= (empty) the whole suite; a
# --filter given to ./test.sh replaces the default.
ilgpu_default="FullyQualifiedName~BlockedArrayDeviceTierTests|FullyQualifiedName~BlockedArrayReductionTests"
ilgpu_default+="|FullyQualifiedName~BlockedArrayElementwiseTests|FullyQualifiedName~Arrays.Tests.Structure."
ilgpu_default+="|FullyQualifiedName~FromArrayViewTests|FullyQualifiedName~ResultPlacementTests|FullyQualifiedName~RandomArraysTests"
ilgpu_default+="|FullyQualifiedName~BlockedArrayStoreTests|FullyQualifiedName~Hdf5RowBandTests|FullyQualifiedName~MoreMathTests"
if (($#)); then ilgpu_filter=${ILGPU_ARRAY_FILTER-}; else ilgpu_filter=${ILGPU_ARRAY_FILTER-$ilgpu_default}; fi
echo "test.sh: array tests on ILGPU's CPU accelerator (TESSERA_DEVICE=ilgpu-cpu${ilgpu_filter:+, a subset: ILGPU_ARRAY_FILTER})"
TESSERA_DEVICE=ilgpu-cpu dotnet test tests/Arrays.Tests -c Release --no-build -nologo "$@" \
  ${ilgpu_filter:+--filter "$ilgpu_filter"} 2>&1 | tee -a "$log" || status=$?
# The kernel and array suites again at the narrower vector widths, so a run on any x86-64 host
# tests every width the CPU kernels have: AVX2 (AVX-512 off; .NET 10 reads EnableAVX512, older
# runtimes EnableAVX512F) and 128 bits (AVX2 and FMA off: the width of Arm64's NEON). A switch
# that asks for more than the CPU has changes nothing, so on an AVX2 host the first rerun
# repeats the native one.
# The reruns take what depends on the vector width: the CPU kernels and the array suite, without
# the device classes (ILGPU, CUDA), the classes that only call host libraries or per-type NumPy
# oracles (linear algebra and FFT on MathNet, the narrower dtypes, HDF5 IO, the RSS probe, the
# sorting and selection functions, which run scalar loops), and
# without the narrower dtypes' kernel cases: those run scalar loops, and their reductions run the
# int32/int64/float32/float64 loops (ReductionProxy), which the reruns cover with those types.
# WIDTH_FILTER=EXPR (or a --filter given to ./test.sh) replaces both filters; WIDTH_FILTER= runs all.
width_kernels="FullyQualifiedName!~IlGpu&FullyQualifiedName!~Cuda"
for t in Int8 Int16 UInt8 UInt16 UInt32 UInt64 Float16; do width_kernels+="&DisplayName!~dtype: $t"; done
width_arrays="FullyQualifiedName!~Linalg&FullyQualifiedName!~LinearAlgebra&FullyQualifiedName!~Fft"
width_arrays+="&FullyQualifiedName!~ElementTypes&FullyQualifiedName!~MemoryLimitRss&FullyQualifiedName!~Arrays.Tests.IO."
width_arrays+="&FullyQualifiedName!~Arrays.Tests.Selection.&FullyQualifiedName!~Arrays.Tests.Zarr."
if (($#)) || [[ -v WIDTH_FILTER ]]; then width_kernels=${WIDTH_FILTER-}; width_arrays=${WIDTH_FILTER-}; fi
for width in avx2 128; do
  case $width in
    avx2) switches=(DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0) ;;
    128) switches=(DOTNET_EnableAVX2=0) ;;
  esac
  echo "test.sh: kernel and array tests at the $width width (${switches[*]}${width_kernels:+, width-dependent classes})"
  env "${switches[@]}" dotnet test tests/Kernels.Tests -c Release --no-build -nologo "$@" \
    ${width_kernels:+--filter "$width_kernels"} 2>&1 | tee -a "$log" || status=$?
  env "${switches[@]}" dotnet test tests/Arrays.Tests -c Release --no-build -nologo "$@" \
    ${width_arrays:+--filter "$width_arrays"} 2>&1 | tee -a "$log" || status=$?
done
# One closing line for the whole suite, summed over the test projects.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$log"
rm -f "$log"
exit $status
