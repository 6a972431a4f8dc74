package main

// configHelp is the root command's account of the configuration, part of `sfpattern --help`.
// Its example must stay a valid .sfpattern.yaml, and the README shows the same one; a test
// holds both to that.
const configHelp = `Configuration. record, check and the wizard take the decisions folder and a record's front
matter from, in this order: their flags; SFPATTERN_DECISIONS_DIR, SFPATTERN_STATUS,
SFPATTERN_DECISION_MAKERS, SFPATTERN_CONSULTED and SFPATTERN_INFORMED (names comma-separated,
an empty variable is unset); the project's .sfpattern.yaml, the first found from the working
folder up to the repository root; and the user's $XDG_CONFIG_HOME/sfpattern/config.yaml
(~/.config/sfpattern/config.yaml). Every key is optional:

    # .sfpattern.yaml
    decisions_dir: docs/architecture/decisions   # relative to this file
    status: accepted                             # proposed unless set
    decision_makers: [Ana Souza, Raj Patel]
    consulted: [Integration CoE]
    informed: [Warehouse team]

Without decisions_dir, records go to the folder named in the project root's .adr-dir
(adr-tools' convention), else to an existing docs/decisions, else to an existing docs/adr, else
to docs/decisions. Unknown keys, wrong types and bad names are bad input (exit 2) naming the
file and line.`
