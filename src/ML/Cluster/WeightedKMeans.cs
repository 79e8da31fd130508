namespace Tessera.ML.Cluster;

/// <summary>
/// k-means of a few weighted points in memory: the last step of k-means‖, which reduces its
/// candidates (tens to hundreds) to k centers. Weighted k-means++ seeding (D² sampling with
/// weights, trying 2 + ⌊ln k⌋ candidates per step as scikit-learn does), then weighted Lloyd.
/// </summary>
internal static class WeightedKMeans
{
    public static double[] Fit(double[] points, double[] weights, int count, int d, int k, Random random)
    {
        if (count <= k)
        {
            // Fewer distinct candidates than clusters: pad by repeating them (Lloyd leaves duplicates empty).
            return [.. Enumerable.Range(0, k).SelectMany(c => points.AsSpan((c % count) * d, d).ToArray())];
        }
        var centers = Seed(points, weights, count, d, k, random);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var sums = new double[k * d];
            var totals = new double[k];
            for (var i = 0; i < count; i++)
            {
                var best = Nearest(points, i, centers, k, d).Index;
                totals[best] += weights[i];
                for (var j = 0; j < d; j++)
                {
                    sums[best * d + j] += weights[i] * points[i * d + j];
                }
            }
            var shift = 0.0;
            for (var c = 0; c < k; c++)
            {
                if (totals[c] == 0)
                {
                    continue;
                }
                for (var j = 0; j < d; j++)
                {
                    var value = sums[c * d + j] / totals[c];
                    shift += (value - centers[c * d + j]) * (value - centers[c * d + j]);
                    centers[c * d + j] = value;
                }
            }
            if (shift == 0)
            {
                break;
            }
        }
        return centers;
    }

    private static double[] Seed(double[] points, double[] weights, int count, int d, int k, Random random)
    {
        var centers = new double[k * d];
        var first = Pick(weights, weights.Sum(), random);
        points.AsSpan(first * d, d).CopyTo(centers);
        var closest = Enumerable.Range(0, count).Select(i => Squared(points, i, centers, 0, d)).ToArray();
        var trials = 2 + (int)Math.Log(k);
        for (var c = 1; c < k; c++)
        {
            var potential = closest.Select((v, i) => v * weights[i]).ToArray();
            var total = potential.Sum();
            var bestCandidate = -1;
            var bestPotential = double.PositiveInfinity;
            double[]? bestClosest = null;
            for (var t = 0; t < trials; t++)
            {
                var candidate = total > 0 ? Pick(potential, total, random) : random.Next(count);
                var updated = new double[count];
                var sum = 0.0;
                for (var i = 0; i < count; i++)
                {
                    var dist = 0.0;
                    for (var j = 0; j < d; j++)
                    {
                        var diff = points[i * d + j] - points[candidate * d + j];
                        dist += diff * diff;
                    }
                    updated[i] = Math.Min(closest[i], dist);
                    sum += updated[i] * weights[i];
                }
                if (sum < bestPotential)
                {
                    (bestCandidate, bestPotential, bestClosest) = (candidate, sum, updated);
                }
            }
            points.AsSpan(bestCandidate * d, d).CopyTo(centers.AsSpan(c * d, d));
            closest = bestClosest!;
        }
        return centers;
    }

    private static int Pick(double[] weights, double total, Random random)
    {
        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private static (int Index, double Distance) Nearest(double[] points, int i, double[] centers, int k, int d)
    {
        var best = (Index: 0, Distance: double.PositiveInfinity);
        for (var c = 0; c < k; c++)
        {
            var dist = Squared(points, i, centers, c, d);
            if (dist < best.Distance)
            {
                best = (c, dist);
            }
        }
        return best;
    }

    private static double Squared(double[] points, int i, double[] centers, int c, int d)
    {
        var sum = 0.0;
        for (var j = 0; j < d; j++)
        {
            var diff = points[i * d + j] - centers[c * d + j];
            sum += diff * diff;
        }
        return sum;
    }
}
