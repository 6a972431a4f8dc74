// Package record writes the MADR 4.0.0 decision record a decision leaves behind, and reads it
// back: the record with its replayable answers block (Write), the one reader of answers that
// every command uses, for records and answers files alike (ReadAnswers), the record's re-check
// under the current knowledge base (Check), and its place in a folder (FileName, Numbering). It
// is pure Go over the engine's data: no terminal, no Charm package, no clock (dates come in
// through Meta).
package record
