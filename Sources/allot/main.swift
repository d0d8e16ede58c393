import AllotCLI

AllotMain.run()
