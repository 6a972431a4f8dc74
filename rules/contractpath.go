package rules

import "regexp"

// contractPathSyntax is a contract path: keys of the contract's YAML, joined by dots.
var contractPathSyntax = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)

// checkContractPaths checks the form of the questions' contract paths and that no two questions
// state their answers at one place. Whether the contract has such a place is for package
// contract to say (contract.CheckQuestions): the contract's shape is its own, not the engine's.
func (l *loader) checkContractPaths(file string) {
	at := map[string]string{}
	for _, q := range l.c.Questions {
		p := q.ContractPath
		switch other, taken := at[p]; {
		case p == "":
		case !contractPathSyntax.MatchString(p):
			l.problemf(file, q.ID, "contract %q is not a contract path (keys joined by dots, such as volume.per_day)", short(p))
		case taken:
			l.problemf(file, q.ID, "contract %s is already where %s stands; one answer per place", p, other)
		default:
			at[p] = q.ID
		}
	}
}
