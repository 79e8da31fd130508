# Small files (a few KiB, mostly metadata) for the byte-flipping robustness test: every
# structure the reader decodes appears at least once, so random flips hit all of them.
import os
import h5py
import numpy as np

OUT = r'@OUT@'
for libver in ('earliest', 'latest'):
    with h5py.File(os.path.join(OUT, f'small_{libver}.h5'), 'w', libver=libver) as f:
        f.create_dataset('contiguous', data=np.arange(30, dtype='i4').reshape(6, 5))
        f.create_dataset('filtered', data=np.linspace(0, 1, 180).reshape(20, 9), chunks=(6, 4),
                         compression='gzip', shuffle=True, fletcher32=True)
        d = f.create_dataset('ea', shape=(25,), maxshape=(None,), dtype='>i2', chunks=(4,))
        d[:] = np.arange(25)
        d = f.create_dataset('bt2', shape=(5, 6), maxshape=(None, None), dtype='i1', chunks=(2, 2))
        d[:] = np.arange(30).reshape(5, 6)
        f.create_dataset('fa', data=np.arange(144, dtype='u2').reshape(12, 12), chunks=(3, 3))
        f.create_dataset('single', data=np.arange(8, dtype='f4'), chunks=(8,))
        fill = f.create_dataset('fill', shape=(8, 8), dtype='i8', chunks=(4, 4), fillvalue=-1)
        fill[0:4, 0:4] = 5
        f['scalar'] = 2.5
        g = f.create_group('g')
        for i in range(10):
            g.create_dataset(f'm{i}', data=np.array([i, i + 1], dtype='u1'))
        f.attrs['vlen'] = 'text'
        f.attrs['fixed'] = np.bytes_('abc')
        f.attrs['floats'] = np.array([1.0, 2.0])
        for i in range(9):
            f.attrs[f'n{i}'] = i
print('ok')

# Index-heavy, data-light: the large-index structures (paged fixed array, extensible array
# secondary blocks, v2 B-tree internal nodes, fractal heap indirect blocks) with tiny chunks.
with h5py.File(os.path.join(OUT, 'medium_latest.h5'), 'w', libver='latest') as f:
    d = f.create_dataset('ea', shape=(1500,), maxshape=(None,), dtype='i1', chunks=(1,))
    d[:] = np.arange(1500) % 100
    d = f.create_dataset('bt2', shape=(30, 30), maxshape=(None, None), dtype='u1', chunks=(1, 1))
    d[:] = np.arange(900).reshape(30, 30) % 200
    f.create_dataset('fa', data=(np.arange(2200) % 90).astype('i1').reshape(44, 50), chunks=(1, 1))
    g = f.create_group('links')
    for i in range(70):
        g.create_group(f'a_rather_long_group_name_to_fill_heap_blocks_{i:03d}')
    for i in range(40):
        f.attrs[f'attribute_with_a_long_name_{i:03d}'] = np.arange(i % 5 + 1)

import netCDF4
with netCDF4.Dataset(os.path.join(OUT, 'small.nc'), 'w', format='NETCDF4') as nc:
    nc.createDimension('t', None)
    nc.createDimension('x', 6)
    nc.title = 'small'
    for i in range(9):
        nc.setncattr(f'g{i}', i * 0.5)
    x = nc.createVariable('x', 'f4', ('x',))
    x[:] = np.arange(6, dtype='f4')
    v = nc.createVariable('v', 'i2', ('t', 'x'), zlib=True)
    v.units = 'm'
    v[0:3] = np.arange(18, dtype='i2').reshape(3, 6)
    for i in range(8):
        w = nc.createVariable(f'w{i}', 'i4', ('x',))
        w[:] = np.arange(6, dtype='i4') + i
print('ok nc')
