using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Cluster;

/// <summary>
/// k-means clustering on a blocked array, as dask-ml's <c>KMeans</c>: k-means‖ initialisation
/// (<see cref="KMeansParallelInit"/>), then Lloyd iterations in which every block assigns its
/// rows to the nearest center (distances by GEMM) and returns per-center sums and counts; the
/// sums are added by the array's reduction tree and the new centers are their means. Memory
/// is bounded by the blocks in flight: the data are never gathered.
/// </summary>
public sealed class KMeans
{
    /// <summary>The number of clusters k (default 8).</summary>
    public int Clusters { get; init; } = 8;

    /// <summary>Lloyd iterations at most (default 300, as scikit-learn).</summary>
    public int MaxIter { get; init; } = 300;

    /// <summary>
    /// Stop when the centers' total squared movement is below Tol times the mean per-feature variance
    /// (scikit-learn's relative tolerance; default 1e-4).
    /// </summary>
    public double Tol { get; init; } = 1e-4;

    /// <summary>Seeds the initialisation (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>k-means‖ rounds (default 5, which Bahmani et al. found enough).</summary>
    public int InitRounds { get; init; } = 5;

    /// <summary>k-means‖ oversampling ℓ as a multiple of k (default 2: ℓ = 2k rows expected per round).</summary>
    public double Oversampling { get; init; } = 2;

    /// <summary>The centers, k × features, row-major.</summary>
    public double[]? ClusterCenters { get; private set; }

    /// <summary>Σ of squared distances of the rows to their nearest center, for the final centers.</summary>
    public double Inertia { get; private set; }

    /// <summary>Lloyd iterations the last Fit took.</summary>
    public int Iterations { get; private set; }

    /// <summary>The number of features seen in Fit.</summary>
    public int Features { get; private set; }

    /// <summary>Clusters the rows of <paramref name="x"/>.</summary>
    public KMeans Fit<T>(BlockedArray<T> x, ComputeOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        x = Design.Matrix(x, nameof(KMeans));
        var k = Clusters;
        if (k < 1 || k > x.Shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(Clusters), k,
                $"KMeans needs 1 ≤ Clusters ≤ samples ({x.Shape[0]}); set Clusters to the number of groups wanted.");
        }
        var d = (int)x.Shape[1];
        var (centers, variance) = KMeansParallelInit.Centers(x, k, InitRounds, Oversampling * k, Seed, options);
        var threshold = Tol * variance;
        var iteration = 0;
        var inertia = double.NaN;
        var moved = true;
        while (iteration < MaxIter)
        {
            iteration++;
            var panel = new CenterPanel(centers, k, d);
            var sums = BlockPartials.Sum(x, LloydStep.Length(k, d), block => LloydStep.Block(block, panel), options);
            inertia = sums[^1];
            var next = (double[])centers.Clone();
            var shift = 0.0;
            for (var c = 0; c < k; c++)
            {
                var count = sums[k * d + c];
                // An empty cluster keeps its center (scikit-learn moves it to a far point; rare with k-means‖).
                if (count == 0)
                {
                    continue;
                }
                for (var j = 0; j < d; j++)
                {
                    next[c * d + j] = sums[c * d + j] / count;
                    shift += (next[c * d + j] - centers[c * d + j]) * (next[c * d + j] - centers[c * d + j]);
                }
            }
            centers = next;
            moved = shift > 0;
            if (shift <= threshold)
            {
                break;
            }
        }
        // The last pass's inertia belongs to the centers before its update; when nothing moved
        // (the assignment was stable) they are the final centers and no further pass is needed.
        if (moved)
        {
            var final = new CenterPanel(centers, k, d);
            inertia = BlockPartials.Sum(x, LloydStep.Length(k, d), block => LloydStep.Block(block, final), options)[^1];
        }
        Inertia = inertia;
        ClusterCenters = centers;
        Iterations = iteration;
        Features = d;
        return this;
    }

    /// <summary>The nearest center of every row, lazily, one task per row block.</summary>
    public BlockedArray<long> Predict<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var centers = Design.Fitted(ClusterCenters, nameof(KMeans));
        x = Design.Matrix(x, nameof(KMeans));
        Design.SameFeatures(x.Shape[1], Features, nameof(KMeans));
        var panel = new CenterPanel(centers, Clusters, Features);
        return x.MapBlocksReadOnly((block, _) =>
        {
            var labels = LloydStep.Labels(block, panel);
            return Tensor.Create(labels, [labels.Length, 1]);
        }, new ChunkGrid([x.Chunks.Chunks[0], [1L]])).Reshape(x.Shape[0]);
    }
}
