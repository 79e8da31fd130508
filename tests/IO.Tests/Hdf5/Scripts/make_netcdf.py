# Writes a netCDF4 file the way climate data is usually laid out (time, lat, lon), plus the
# expected values of each variable as little-endian raw bytes.
import os
import numpy as np
import netCDF4

OUT = r'@OUT@'
rng = np.random.default_rng(99)


def save(key, arr):
    a = np.ascontiguousarray(arr)
    a.astype(a.dtype.newbyteorder('<')).tofile(os.path.join(OUT, f'climate.{key}.bin'))


with netCDF4.Dataset(os.path.join(OUT, 'climate.nc'), 'w', format='NETCDF4') as nc:
    nc.title = 'synthetic climate'
    nc.history = 'made by a test'
    nc.createDimension('time', None)
    nc.createDimension('lat', 73)
    nc.createDimension('lon', 144)
    nc.createDimension('bnds', 2)
    t = nc.createVariable('time', 'f8', ('time',))
    t.units = 'days since 2000-01-01'
    lat = nc.createVariable('lat', 'f4', ('lat',))
    lon = nc.createVariable('lon', 'f4', ('lon',))
    lat[:] = np.linspace(-90, 90, 73).astype('f4')
    lon[:] = np.arange(144, dtype='f4') * 2.5
    save('lat', lat[:].data)
    save('lon', lon[:].data)
    tas = nc.createVariable('tas', 'f4', ('time', 'lat', 'lon'), zlib=True, complevel=4, fill_value=np.float32(1e20))
    tas.units = 'K'
    tas.long_name = 'near-surface air temperature'
    for i in range(12):
        tas.setncattr(f'extra_{i:02d}', i)
    values = (rng.standard_normal((31, 73, 144)) * 10 + 280).astype('f4')
    tas[0:31] = values
    t[:] = np.arange(31, dtype='f8')
    save('time', np.arange(31, dtype='f8'))
    save('tas', values)
    pr = nc.createVariable('pr', 'i2', ('time', 'lat', 'lon'), zlib=True, shuffle=True, chunksizes=(5, 20, 30))
    prv = rng.integers(-3000, 3000, size=(31, 73, 144), dtype='i2')
    pr[:] = prv
    save('pr', prv)
    for i in range(10):
        v = nc.createVariable(f'v{i}', 'i4', ('lat',))
        v[:] = np.arange(73, dtype='i4') * i
    g = nc.createGroup('forecast')
    g.createDimension('step', 4)
    s = g.createVariable('step', 'i8', ('step',))
    s[:] = np.array([6, 12, 18, 24], dtype='i8')
    save('forecast.step', s[:].data)
print('ok')
