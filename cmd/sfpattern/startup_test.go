package main

import (
	"io"
	"os/exec"
	"testing"
)

// BenchmarkProcess times whole processes of the built command, start-up and exit included, which
// no in-process benchmark sees: package initialisation (most of it glamour's dependencies), the
// knowledge base's load, and the kernel's teardown of the process. Compare recommend and whatif
// side by side; the what-if's search is the difference between them.
func BenchmarkProcess(b *testing.B) {
	bin := binary(b)
	const answers = "../../testdata/answers/order-events.yaml"
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"recommend-json", []string{"recommend", "--answers", answers, "--format", "json"}},
		{"whatif", []string{"whatif", "--answers", answers}},
		{"help", []string{"--help"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				cmd := exec.Command(bin, bc.args...)
				cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
				if err := cmd.Run(); err != nil {
					b.Fatalf("%v: %v", bc.args, err)
				}
			}
		})
	}
}
