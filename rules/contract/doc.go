// Package contract writes and checks the integration contract a decision leaves behind: its
// skeleton as YAML (BuildContract, WriteContract), its JSON Schema (Schema, published as
// contract.schema.json), and lint, which validates a filled-in contract against the schema, its
// TODOs and the engine's own recommendation. It is pure Go over the engine's data: no terminal,
// no Charm package.
package contract
