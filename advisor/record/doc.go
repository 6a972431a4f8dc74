// Package record writes the artefacts a decision leaves behind, and reads them back: the MADR
// 4.0.0 decision record with its replayable answers block (Write, ExtractAnswers, Check, and
// FileName and Numbering for its place in a folder) and the integration contract with its JSON
// Schema and lint. It is pure Go over the engine's data: no terminal, no Charm package, no clock
// (dates come in through Meta).
package record
