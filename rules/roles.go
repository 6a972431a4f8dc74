package rules

import "strings"

// Role is what a question means to the program: code that needs the integration's title or its
// daily volume asks for the question playing that role, so question ids exist only in
// content/questions.yaml and can change there alone. Every role is played by exactly one
// question; Load checks it. Role names differ from every question id on purpose: Go code spells
// roles, and a role spelt like an id would pass for one.
type Role string

// The roles, in the order the question set asks them.
const (
	RoleTitle             Role = "title"                // what the integration is called
	RoleInitiator         Role = "initiator"            // which side starts the exchange
	RoleSystemOfRecord    Role = "system_of_record"     // which system owns the data
	RoleIntegrationType   Role = "integration_type"     // process, data or virtual
	RoleTiming            Role = "timing"               // how soon the other side must see it
	RoleAcknowledgement   Role = "acknowledgement"      // what the sender needs back
	RoleDailyVolume       Role = "daily_volume"         // records a day
	RoleRunVolume         Role = "run_volume"           // records in one message, call or job
	RoleExchangeStart     Role = "exchange_start"       // what starts each exchange
	RoleReceiverReach     Role = "receiver_reach"       // how the receiving system is reached
	RoleResponseTime      Role = "response_time"        // seconds the remote system takes to answer
	RoleConsumers         Role = "consumers"            // systems consuming the same messages
	RoleExternalConsumers Role = "external_consumers"   // of those, the clients outside Salesforce
	RoleLiveViewers       Role = "live_viewers"         // users watching the messages on a page
	RoleMessageOrder      Role = "message_order"        // whether messages must arrive in order
	RoleDowntime          Role = "downtime"             // hours the receiver may be offline
	RolePayload           Role = "payload"              // KB per record
	RoleEdition           Role = "org_edition"          // the org's Salesforce edition
	RoleLicences          Role = "licences"             // the org's user licences
	RoleMiddleware        Role = "middleware_available" // whether middleware exists
)

// roleKinds is every role with the kind of question that can play it: code reads a role's
// answer as that kind's Go type.
var roleKinds = []struct {
	role Role
	kind Kind
}{
	{RoleTitle, KindText},
	{RoleInitiator, KindSelect},
	{RoleSystemOfRecord, KindSelect},
	{RoleIntegrationType, KindSelect},
	{RoleTiming, KindSelect},
	{RoleAcknowledgement, KindSelect},
	{RoleDailyVolume, KindNumber},
	{RoleRunVolume, KindNumber},
	{RoleExchangeStart, KindSelect},
	{RoleReceiverReach, KindSelect},
	{RoleResponseTime, KindNumber},
	{RoleConsumers, KindNumber},
	{RoleExternalConsumers, KindNumber},
	{RoleLiveViewers, KindNumber},
	{RoleMessageOrder, KindSelect},
	{RoleDowntime, KindNumber},
	{RolePayload, KindNumber},
	{RoleEdition, KindSelect},
	{RoleLicences, KindNumber},
	{RoleMiddleware, KindBoolean},
}

// Role returns the question that plays r; a loaded catalog has one for every role.
func (c *Catalog) Role(r Role) *Question { return c.roleQuestion[r] }

// Role returns the value of the answer whose question plays r, or nil when there is none (the
// question did not apply).
func (al AnswerList) Role(r Role) any {
	for _, a := range al {
		if a.Role == r {
			return a.Value
		}
	}
	return nil
}

// indexRoles checks every question's role and indexes the questions by it: an unknown role, a
// role played twice, one played by a question of the wrong kind, and one nobody plays are each
// a problem.
func (l *loader) indexRoles(file string) {
	kinds := make(map[Role]Kind, len(roleKinds))
	for _, rk := range roleKinds {
		kinds[rk.role] = rk.kind
	}
	l.c.roleQuestion = make(map[Role]*Question, len(roleKinds))
	for _, q := range l.c.Questions {
		if q.Role == "" {
			continue
		}
		kind, known := kinds[q.Role]
		switch other := l.c.roleQuestion[q.Role]; {
		case !known:
			l.problemf(file, q.ID, "unknown role %q; roles are %s", q.Role, roleNames())
		case other != nil:
			l.problemf(file, q.ID, "role %s is already played by %s; one question plays each role", q.Role, other.ID)
		case q.Kind != kind:
			l.problemf(file, q.ID, "role %s needs a %s question, not %s", q.Role, kind, q.Kind)
		default:
			l.c.roleQuestion[q.Role] = q
		}
	}
	for _, rk := range roleKinds {
		if l.c.roleQuestion[rk.role] == nil {
			l.problemf(file, string(rk.role), "no question plays this role; the program needs one (a %s question)", rk.kind)
		}
	}
}

// roleNames lists the roles, for messages.
func roleNames() string {
	names := make([]string, len(roleKinds))
	for i, rk := range roleKinds {
		names[i] = string(rk.role)
	}
	return strings.Join(names, ", ")
}
