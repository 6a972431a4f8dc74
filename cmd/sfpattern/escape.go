package main

import (
	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/safetext"
)

// escaped returns the standard streams with every control character, bidi override and
// zero-width character escaped on the way out, and a flush for the end of the run. Commands
// that print text write through them, so a name, a rule's sentence, a contract value or a file
// name that came from an input can never act on the terminal, whichever path printed it. The
// wizard and the catalogue browser draw with escape sequences of their own and keep the raw
// streams; what they show from inputs was refused or escaped when it was read.
func escaped(s streams) (streams, func()) {
	out, errw := safetext.NewWriter(s.out), safetext.NewWriter(s.err)
	flush := func() {
		// Only a character the last write left unfinished is still held: it is not UTF-8.
		_ = out.Flush()
		_ = errw.Flush()
	}
	return streams{in: s.in, out: out, err: errw}, flush
}

// escapeOutput makes a command's run write through the escaped streams. Help, which cobra prints
// before the run and fang styles, keeps the raw streams.
func escapeOutput(c *cobra.Command, safe streams) {
	run := c.RunE
	c.RunE = func(cmd *cobra.Command, args []string) error {
		cmd.SetOut(safe.out)
		cmd.SetErr(safe.err)
		return run(cmd, args)
	}
}
