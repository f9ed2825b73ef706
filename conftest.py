pytest_plugins = ["cortesia.testing.fixtures"]
