return await Tessera.Distributed.Hosting.WorkerHost.RunAsync(args);
