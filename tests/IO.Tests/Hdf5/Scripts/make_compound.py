# Compound, string and pandas-table files for CompoundReadTests, and what h5py / PyTables read
# from them, printed as one JSON object (the oracle the managed reader is compared against).
import json, h5py, numpy as np, pandas as pd, tables
out = '@OUT@'
rng = np.random.default_rng(24)
expected = {}

n = 733  # not a multiple of the chunk size: the last chunk is partial
enum = h5py.enum_dtype({'red': 0, 'green': 1, 'blue': 7}, basetype='i1')
point = np.dtype([('x', '<i2'), ('y', '>u2')])
dt = np.dtype([('index', '<i8'), ('a', '<f8'), ('b', 'S10'), ('c', '>i4'), ('v', '<f4', (3,)),
               ('e', enum), ('p', point), ('s', h5py.string_dtype('utf-8'))])
rec = np.zeros(n, dtype=dt)
rec['index'] = np.arange(n) * 3 - 100
rec['a'] = rng.standard_normal(n)
rec['b'] = [('r%d' % i).encode() * (i % 4) for i in range(n)]
rec['c'] = rng.integers(-2**31, 2**31 - 1, n)
rec['v'] = rng.standard_normal((n, 3))
rec['e'] = rng.choice([0, 1, 7], n)
rec['p']['x'] = rng.integers(-30000, 30000, n)
rec['p']['y'] = rng.integers(0, 65535, n)
rec['s'] = ['vl-%d-é' % i for i in range(n)]
simple = np.dtype([('index', '<i8'), ('a', '<f8'), ('b', 'S10')])
with h5py.File(out + '/compound.h5', 'w') as f:
    f.create_dataset('records', data=rec, chunks=(100,), compression='gzip', shuffle=True)
    s = np.zeros(n, dtype=simple)
    s['index'], s['a'], s['b'] = rec['index'], rec['a'], rec['b']
    f.create_dataset('simple', data=s)
    f.create_dataset('fixed_ascii', data=np.array([b'abc', b'', b'longest!'], dtype='S8'))
    f.create_dataset('vlen_utf8', data=np.array(['één', '', 'naïve text'], dtype=object), dtype=h5py.string_dtype('utf-8'))
    tid = h5py.h5t.C_S1.copy(); tid.set_size(6); tid.set_strpad(h5py.h5t.STR_SPACEPAD)
    space = h5py.h5s.create_simple((2,))
    d = h5py.h5d.create(f.id, b'space_padded', tid, space)
    d.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([b'ab    ', b'xyz   '], dtype='S6'), mtype=tid)
    f.create_dataset('numbers', data=np.arange(10, dtype='<i4'))
with h5py.File(out + '/compound.h5', 'r') as f:
    r = f['records'][()]
    expected['records'] = {
        'index': r['index'].tolist(), 'a': r['a'].tolist(), 'b': [x.decode() for x in r['b']],
        'c': r['c'].tolist(), 'v': r['v'].tolist(), 'e': r['e'].tolist(),
        'p.x': r['p']['x'].tolist(), 'p.y': r['p']['y'].tolist(), 's': [x.decode() for x in r['s']],
        'dtype': str(f['records'].dtype)}
    expected['fixed_ascii'] = [x.decode() for x in f['fixed_ascii'][()]]
    expected['vlen_utf8'] = [x.decode() for x in f['vlen_utf8'][()]]
    expected['space_padded'] = [x.decode().rstrip(' ') for x in f['space_padded'][()]]

# pandas' table format (PyTables underneath): int, float, string and bool columns.
df = pd.DataFrame({'i': np.arange(57, dtype='i8') * 7, 'f': np.linspace(-1, 1, 57), 'g': np.arange(57) / 3.0,
                   's': ['name%d' % (i % 9) for i in range(57)], 'k': np.arange(57, dtype='i4')})
df.index = df.index * 2 + 5
df.to_hdf(out + '/pandas.h5', 'df', format='table', mode='w')
with tables.open_file(out + '/pandas.h5') as h:
    t = h.root.df.table.read()
    expected['pandas'] = {name: (t[name].tolist() if t[name].dtype.kind != 'S' else [[x.decode() for x in row] for row in t[name]])
                          for name in t.dtype.names}
print(json.dumps(expected))
