package main

import (
	"github.com/sfpattern/sfpattern/rules"
)

// configHelp is the root command's account of the configuration, part of `sfpattern --help`.
// Its example must stay a valid .sfpattern.yaml, and the README shows the same one; a test
// holds both to that. The defaults' fields are the question set's ids, found by their roles.
func configHelp() string {
	return `Configuration. Each setting comes from the first of: the flags; the SFPATTERN_* variables
(SFPATTERN_DECISIONS, SFPATTERN_STATUS, SFPATTERN_DECISION_MAKERS, SFPATTERN_CONSULTED and
SFPATTERN_INFORMED, names comma-separated; SFPATTERN_RULES, files separated as in PATH;
SFPATTERN_ADDONS, limit=amount comma-separated; SFPATTERN_ORG_LIMITS; an empty variable is
unset); the project's .sfpattern.yaml, the first found from the working folder up to the
repository root; the user's $XDG_CONFIG_HOME/sfpattern/config.yaml
(~/.config/sfpattern/config.yaml); sfpattern's own defaults. Every key is optional:

    # .sfpattern.yaml
    decisions: docs/architecture/decisions   # relative to this file
    status: accepted                         # proposed unless set
    decision_makers: [Ana Souza, Raj Patel]
    consulted: [Integration CoE]
    informed: [Warehouse team]
    defaults:                                # answers for the fields a file leaves out
      ` + idOf(rules.RoleEdition) + `: unlimited
      ` + idOf(rules.RoleLicences) + `: 900
    rules: [policy/integration.yaml]         # relative to this file
    addons: {event_delivery_per_day: 100000}
    org_limits: limits.json                  # sf org list limits --json > limits.json

An answers file's own values and --set beat the defaults, which beat the question set's. Flags
add rule files after the configured ones, --org-limits replaces the snapshot, and --addon the
amount of its limit. Without decisions (decisions_dir is its older name), records go to the
folder in the project root's .adr-dir (adr-tools' convention), else to an existing
docs/decisions, else to an existing docs/adr, else to docs/decisions. 'sfpattern config' shows
each setting and where it came from; 'sfpattern schema config' prints the file's JSON Schema.
Unknown keys, wrong types, bad values and missing files are bad input (exit 2) naming the file
and line.`
}
