package rules

// Fill gives every field that a leaves out the value defaults has for it, keeping where that
// value was given (a configuration file's line), so a problem with it names that place. A
// filled value is a standing default rather than this integration's answer: where its question
// does not apply, CheckAnswers drops it without the warning an answer would get.
func (a Answers) Fill(defaults Answers) {
	for id, v := range defaults.values {
		if _, set := a.values[id]; set {
			continue
		}
		o := defaults.origin[id]
		o.standing, o.defaulted = true, false
		a.values[id] = v
		a.origin[id] = o
	}
}

// Standing reports whether a field's value came from Fill: a configured default.
func (a Answers) Standing(id string) bool { return a.origin[id].standing }

// Source is where a field's value was given: the file and line, "" and 0 for a value put in
// by code or filled in as a default.
func (a Answers) Source(id string) (file string, line int) {
	o := a.origin[id]
	return o.file, o.line
}
