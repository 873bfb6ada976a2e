// Command casia is a terminal dashboard of China–Central Asia relations.
package main

import (
	"os"

	"casia/cli"
)

func main() {
	stop := profile()
	code := cli.Main()
	stop()
	os.Exit(code)
}
