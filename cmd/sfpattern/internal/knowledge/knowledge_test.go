package knowledge

import (
	"slices"
	"testing"
)

// TestEmbeddedIsTheLoadedKnowledge: the catalog the load begun at initialisation hands over is
// the embedded knowledge base, whole, and the same one on every call.
func TestEmbeddedIsTheLoadedKnowledge(t *testing.T) {
	got, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Embedded()
	if got == nil || again != got {
		t.Fatalf("Embedded returned %p then %p; want one catalog", got, again)
	}
	want, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.MechanismIDs(), want.MechanismIDs()) || len(got.Questions) != len(want.Questions) || len(got.Rules) != len(want.Rules) {
		t.Errorf("Embedded holds %d questions, %d rules, mechanisms %v; Load(nil) %d, %d, %v",
			len(got.Questions), len(got.Rules), got.MechanismIDs(), len(want.Questions), len(want.Rules), want.MechanismIDs())
	}
}
