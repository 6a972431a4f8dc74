package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules/contract"
)

// contractOptions are the flags of `sfpattern contract`.
type contractOptions struct {
	answerFlags
}

func newContractCmd() *cobra.Command {
	var o contractOptions
	cmd := &cobra.Command{
		Use:   "contract",
		Short: "Write the integration contract skeleton for the recommended design",
		Long: `Evaluates the answers and writes an integration contract skeleton (YAML) on standard output:
source of truth, direction, pattern and mechanism, volume and the 10x stress target, delivery
semantics, payload, error path (retry, dead-letter, alert), monitoring, limits budget, security,
stress test plan and recovery runbook. What only the team knows is a TODO with a hint; fill them
in and check the result with 'sfpattern lint'.`,
		Example: `  sfpattern contract --answers answers.yaml > contract.yaml
  sfpattern lint contract.yaml`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(o.settings(cmd.Flags()), cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	o.register(f)
	return cmd
}

func (o contractOptions) run(flags config.Settings, stdin io.Reader, stdout io.Writer) error {
	cfg, err := config.Load(flags)
	if err != nil {
		return err
	}
	cat, d, err := o.decide(cfg, stdin)
	if err != nil {
		return err
	}
	if !d.Feasible() {
		return fmt.Errorf("no contract: %s", d.Recommendation.Summary)
	}
	return contract.WriteContract(stdout, contract.BuildContract(cat, d))
}
