// Command sfpattern is a terminal advisor for Salesforce integration architecture: it asks about
// one integration, ranks the Salesforce integration mechanisms against the answers and the
// platform's published limits, and explains the recommendation.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// streams are the process's standard streams, passed explicitly so tests can capture them.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	raw := streams{in: stdin, out: stdout, err: stderr}
	safe, flush := escaped(raw)
	defer flush()
	root := newRoot(raw, safe)
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(args)
	return exitCode(execute(ctx, root))
}
