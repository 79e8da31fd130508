# Writes one HDF5 file with h5py (libver @LIBVER@) plus, for every dataset, the expected
# values as little-endian raw bytes (<file>.<key>.bin) written by numpy.
import os
import h5py
import numpy as np

OUT = r'@OUT@'
NAME = '@NAME@'
LIBVER = '@LIBVER@'
rng = np.random.default_rng(1234)


def save(key, arr):
    a = np.ascontiguousarray(arr)
    a.astype(a.dtype.newbyteorder('<')).tofile(os.path.join(OUT, f'{NAME}.{key}.bin'))


def data_for(code, shape):
    dt = np.dtype(code)
    if dt.kind == 'f':
        return (rng.standard_normal(shape) * 1000).astype(dt)
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, size=shape, dtype=dt, endpoint=True)


with h5py.File(os.path.join(OUT, NAME + '.h5'), 'w', libver=LIBVER) as f:
    big = rng.standard_normal((733, 735))
    f.create_dataset('contiguous_f8', data=big)
    save('contiguous_f8', big)
    f.create_dataset('gzip_shuffle_f4', data=big.astype('f4'), chunks=(100, 128), compression='gzip', shuffle=True)
    save('gzip_shuffle_f4', big.astype('f4'))
    ints = data_for('i4', (733, 735))
    f.create_dataset('fletcher_gzip_i4', data=ints, chunks=(100, 128), compression='gzip', fletcher32=True)
    save('fletcher_gzip_i4', ints)
    small = data_for('i2', (64, 48))
    f.create_dataset('fletcher_only_i2', data=small, chunks=(16, 16), fletcher32=True)
    save('fletcher_only_i2', small)

    types = f.create_group('types')
    for code in ['i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'f4', 'f8']:
        for order, tag in (('<', 'le'), ('>', 'be')):
            a = data_for(code, (101, 67))
            stored = a.astype(np.dtype(code).newbyteorder(order))
            types.create_dataset(f'contiguous_{code}{tag}', data=stored)
            types.create_dataset(f'chunked_{code}{tag}', data=stored, chunks=(16, 32), compression='gzip', shuffle=True)
            save(f'types.{code}{tag}', a)

    fill = f.create_dataset('fill_i4', shape=(250, 250), dtype='i4', chunks=(100, 100), fillvalue=-7)
    part = data_for('i4', (100, 100))
    fill[0:100, 0:100] = part
    expected = np.full((250, 250), -7, dtype='i4')
    expected[0:100, 0:100] = part
    save('fill_i4', expected)
    f.create_dataset('fill_f4_unwritten', shape=(50, 30), dtype='f4', fillvalue=1.5)
    save('fill_f4_unwritten', np.full((50, 30), 1.5, dtype='f4'))

    space = h5py.h5s.create_simple((4, 5))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    dsid = h5py.h5d.create(f.id, b'compact_i4', h5py.h5t.STD_I32BE, space, dcpl=dcpl)
    compact = np.arange(20, dtype='>i4').reshape(4, 5) * -3
    dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, compact)
    save('compact_i4', compact)

    f['scalar_f8'] = 3.25

    # Early allocation without filters: libver latest indexes this with the implicit index.
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((7, 9))
    dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
    dsid = h5py.h5d.create(f.id, b'early_alloc', h5py.h5t.STD_I16LE, h5py.h5s.create_simple((30, 40)), dcpl=dcpl)
    early = data_for('i2', (30, 40))
    dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, early)
    save('early_alloc', early)

    u1 = data_for('i2', (3000,))
    d = f.create_dataset('unlimited_1d', shape=(3000,), maxshape=(None,), dtype='i2', chunks=(1,))
    d[:] = u1
    save('unlimited_1d', u1)
    # Two chunks far apart: the extensible array gets paged data blocks with uninitialised pages.
    d = f.create_dataset('sparse_1d', shape=(30000,), maxshape=(None,), dtype='i1', chunks=(1,), fillvalue=-3)
    d[0] = 1
    d[25000] = 7
    sparse = np.full((30000,), -3, dtype='i1')
    sparse[0] = 1
    sparse[25000] = 7
    save('sparse_1d', sparse)
    rows = data_for('f8', (95, 67))
    d = f.create_dataset('unlimited_rows', shape=(0, 67), maxshape=(None, 67), dtype='f8', chunks=(10, 20), compression='gzip')
    d.resize((95, 67))
    d[:] = rows
    save('unlimited_rows', rows)
    both = data_for('i1', (60, 61))
    d = f.create_dataset('unlimited_2d', shape=(60, 61), maxshape=(None, None), dtype='i1', chunks=(1, 1))
    d[:] = both
    save('unlimited_2d', both)
    both_f = data_for('f4', (70, 33))
    d = f.create_dataset('unlimited_2d_gzip', data=both_f, maxshape=(None, None), chunks=(8, 8), compression='gzip', shuffle=True)
    save('unlimited_2d_gzip', both_f)
    many = data_for('i1', (400, 400))
    f.create_dataset('many_chunks', data=many, chunks=(10, 10))
    save('many_chunks', many)
    many_f = data_for('u2', (400, 400))
    f.create_dataset('many_chunks_gzip', data=many_f, chunks=(10, 10), compression='gzip')
    save('many_chunks_gzip', many_f)
    single = data_for('f8', (50, 40))
    f.create_dataset('single_chunk', data=single, chunks=(50, 40))
    save('single_chunk', single)
    f.create_dataset('single_chunk_gzip', data=single, chunks=(50, 40), compression='gzip')
    fixed_max = data_for('i4', (30, 40))
    f.create_dataset('fixed_max', data=fixed_max, maxshape=(60, 80), chunks=(7, 9))
    save('fixed_max', fixed_max)

    leaf = f.create_group('g1/g2/g3')
    leaf.create_dataset('leaf', data=np.arange(10, dtype='i8'))
    leaf.attrs['depth'] = 3
    manyg = f.create_group('many')
    for i in range(50):
        manyg.create_dataset(f'd{i:02d}', data=np.array([i], dtype='i4'))
    for i in range(3):
        manyg.create_group(f'sub{i}')

    f['soft_leaf'] = h5py.SoftLink('/g1/g2/g3/leaf')
    f['g1/g2/relative'] = h5py.SoftLink('g3')
    ordered = f.create_group('ordered', track_order=True)
    for n in ('zeta', 'alpha', 'mid'):
        ordered.create_dataset(n, data=np.array([len(n)], dtype='u1'))
        ordered.attrs[n] = n
    f.create_dataset('empty', shape=(0, 5), maxshape=(None, 5), dtype='f4', chunks=(4, 5))

    f['named_type'] = np.dtype('>u2')
    named = data_for('u2', (20, 3))
    f.create_dataset('committed_type', data=named, dtype=f['named_type'])
    save('committed_type', named)
    f.attrs.create('committed_attr', np.array([7, 65535], dtype='>u2'), dtype=f['named_type'])

    f.attrs['int_scalar'] = np.int32(-42)
    f.attrs['float_array'] = np.array([1.5, 2.5, -3.0])
    f.attrs['fixed_string'] = np.bytes_('hello')
    f.attrs['vlen_string'] = 'h\u00e9llo w\u00f6rld'
    f.attrs['string_list'] = ['a', 'bc', 'def']
    f.attrs['u8'] = np.uint64(2**63 + 5)
    f.attrs['be_i2'] = np.array([1, -2, 300], dtype='>i2')
    f.attrs['f4_scalar'] = np.float32(0.1)
    attrs = f.create_dataset('with_attrs', data=np.zeros(3))
    for i in range(30):
        attrs.attrs[f'a{i:02d}'] = i * 1.5
    attrs.attrs['units'] = 'kelvin'
print('ok')

with h5py.File(os.path.join(OUT, NAME + '.h5'), 'r') as f:
    mask, raw = f['gzip_shuffle_f4'].id.read_direct_chunk((100, 128))
    with open(os.path.join(OUT, f'{NAME}.raw_chunk_1_1.bin'), 'wb') as out:
        out.write(raw)
    print('mask', mask)
