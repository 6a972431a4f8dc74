// Command sfpattern is a terminal advisor for Salesforce integration architecture: it asks about
// one integration, ranks the Salesforce integration mechanisms against the answers and the
// platform's published limits, and explains the recommendation.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"time"
)

// interruptGrace is how long a command has, after Ctrl-C, to notice and return by itself: every
// loop checks the context between steps, the wizard restores the terminal, and an atomic write
// removes its temporary file. A command caught where it cannot check (opening a FIFO nobody
// writes to, parsing one large file) is not waited for any longer.
const interruptGrace = 300 * time.Millisecond

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	done := make(chan int, 1)
	go func() { done <- run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr) }()
	select {
	case code := <-done:
		stop()
		os.Exit(code)
	case <-ctx.Done():
	}
	select {
	case code := <-done:
		os.Exit(code)
	case <-time.After(interruptGrace):
		os.Exit(exitAborted)
	}
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
