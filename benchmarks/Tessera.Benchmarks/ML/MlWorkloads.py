"""scikit-learn's side of the ML comparison (run by MlSideBySide.cs).

Usage: MlWorkloads.py KMEANS_ROWS LOGISTIC_ROWS PCA_ROWS
Prints lines "workload system seconds quality cpu_seconds": one fit each, after a small warm-up fit, on
data made here with the same recipe as the Tessera side (its own random stream), so quality
figures agree roughly: k-means inertia per row, logistic training accuracy, PCA's explained
variance ratio of the first 10 components.
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression

kmeans_rows, logistic_rows, pca_rows = (int(a) for a in sys.argv[1:4])
rng = np.random.default_rng(1)


def timed(fn):
    # process_time: CPU seconds of every thread of the process (OpenMP/BLAS workers included).
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - start, time.process_time() - cpu, result


def blobs(n):
    centers = np.random.default_rng(7).uniform(-10, 10, size=(8, 20))
    return centers[rng.integers(0, 8, size=n)] + rng.standard_normal((n, 20))


def classification(n):
    x = rng.standard_normal((n, 20))
    w = np.linspace(-1, 1, 20)
    p = 1 / (1 + np.exp(-(x @ w + 0.5)))
    return x, (rng.uniform(size=n) < p).astype(np.float64)


def correlated(n):
    z = rng.standard_normal((n, 100))
    x = z * (1 + np.arange(100) / 10)
    x[:, 1:] += 0.3 * z[:, :-1]
    return x


if kmeans_rows:
    KMeans(8, n_init=1, random_state=0).fit(blobs(10000))
    x = blobs(kmeans_rows)
    seconds, cpu, model = timed(lambda: KMeans(8, n_init=1, random_state=0).fit(x))
    print("kmeans sklearn(n_init=1)", seconds, model.inertia_ / kmeans_rows, cpu)
    del x

if logistic_rows:
    LogisticRegression().fit(*classification(10000))
    x, y = classification(logistic_rows)
    seconds, cpu, model = timed(lambda: LogisticRegression().fit(x, y))
    print("logistic sklearn(lbfgs)", seconds, model.score(x, y), cpu)
    del x, y

if pca_rows:
    PCA(10).fit(correlated(10000))
    x = correlated(pca_rows)
    seconds, cpu, model = timed(lambda: PCA(10, svd_solver='full').fit(x))
    print("pca sklearn(full)", seconds, model.explained_variance_ratio_.sum(), cpu)
    seconds, cpu, model = timed(lambda: PCA(10).fit(x))
    print("pca sklearn(auto=randomized)", seconds, model.explained_variance_ratio_.sum(), cpu)
