namespace RemotePc.Tests;
