package record

import (
	"fmt"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// context tells the integration in prose. Option wording comes from the question set (labels
// and help), so the prose says what the wizard said; an answer to a question this writer has no
// sentence for is still listed, under its question's title.
func (r *madr) context() error {
	r.heading(2, "Context and Problem Statement")
	p := prose{cat: r.cat, answers: r.d.Answers, used: map[string]bool{}}
	r.printf("%s\n\n%s\n", p.what(), p.serviceLevel())
	if rest := p.remaining(); rest != "" {
		r.printf("\n%s\n", rest)
	}
	r.printf("\nWhich Salesforce integration mechanism, and which of Salesforce's integration patterns, should carry it?\n")
	return nil
}

// prose builds sentences from answers, remembering which answers it has told.
type prose struct {
	cat     *rules.Catalog
	answers rules.AnswerList
	used    map[string]bool
}

// value is the answer of the question that plays a role, if it applied.
func (p *prose) value(r rules.Role) (any, bool) {
	for _, a := range p.answers {
		if a.Role == r {
			p.used[a.ID] = true
			return a.Value, true
		}
	}
	return nil, false
}

// option returns the label and help of the option chosen for a select question.
func (p *prose) option(r rules.Role) (label, help string, ok bool) {
	v, set := p.value(r)
	s, isText := v.(string)
	q := p.cat.Role(r)
	if !set || !isText || q == nil || q.Option(s) == nil {
		return "", "", false
	}
	o := q.Option(s)
	return o.Label, strings.TrimSuffix(mdInline(o.Help), "."), true
}

func (p *prose) number(r rules.Role) (int, bool) {
	v, ok := p.value(r)
	n, isInt := v.(int)
	return n, ok && isInt
}

// what says who starts it, who owns the data, what crosses, what starts it and how much.
func (p *prose) what() string {
	var s []string
	name, _ := p.value(rules.RoleTitle)
	first := mdInline(fmt.Sprint(name))
	if label, help, ok := p.option(rules.RoleInitiator); ok {
		first += fmt.Sprintf(" is %s %s integration (%s)", article(label), strings.ToLower(label), lowerFirst(help))
	}
	s = append(s, first+".")
	if _, help, ok := p.option(rules.RoleSystemOfRecord); ok {
		s = append(s, help+".")
	}
	if _, help, ok := p.option(rules.RoleIntegrationType); ok {
		sentence := help
		if label, _, ok := p.option(rules.RoleExchangeStart); ok {
			sentence += ", and each exchange starts with " + lowerFirst(label)
		}
		s = append(s, sentence+".")
	}
	if v := p.volume(); v != "" {
		s = append(s, v)
	}
	return strings.Join(s, " ")
}

// volume says how many records cross, in what batches, how large, for how many consumers.
func (p *prose) volume() string {
	perDay, ok := p.number(rules.RoleDailyVolume)
	if !ok {
		return ""
	}
	s := fmt.Sprintf("About %s records cross per day", grouped(perDay))
	if perRun, ok := p.number(rules.RoleRunVolume); ok && perRun > 1 {
		s += fmt.Sprintf(", in runs of up to %s", grouped(perRun))
	} else if ok {
		s += ", record by record"
	}
	if kb, ok := p.number(rules.RolePayload); ok {
		s += fmt.Sprintf(", each about %s KB", grouped(kb))
	}
	if n, ok := p.number(rules.RoleConsumers); ok {
		if n == 1 {
			s += ", for one consuming system"
		} else {
			s += fmt.Sprintf(", for %s consuming systems", grouped(n))
		}
		if ext, ok := p.number(rules.RoleExternalConsumers); ok {
			s += p.consumers(n, ext)
		}
	}
	if users, ok := p.number(rules.RoleLiveViewers); ok && users > 0 {
		s += fmt.Sprintf("; %s users watch them live on a Lightning page", grouped(users))
	}
	return s + "."
}

// consumers says which of the consumers are external clients and which run in the org.
func (p *prose) consumers(all, external int) string {
	switch {
	case external == 0:
		return " inside the org (Apex triggers or flows)"
	case external == all && all == 1:
		return ", an external client"
	case external == all:
		return ", all external clients"
	}
	return fmt.Sprintf(" (%s of them external clients, the rest in the org)", grouped(external))
}

// serviceLevel says what the integration promises: timing, acknowledgement, ordering, how the
// receiver is reached and how long it may be away, and the org it runs in.
func (p *prose) serviceLevel() string {
	var s []string
	for _, f := range []struct {
		role rules.Role
		lead string
	}{
		{rules.RoleTiming, "Timing"}, {rules.RoleAcknowledgement, "Acknowledgement"}, {rules.RoleMessageOrder, "Ordering"},
	} {
		if _, help, ok := p.option(f.role); ok {
			s = append(s, fmt.Sprintf("%s: %s.", f.lead, lowerFirst(help)))
		}
	}
	receiver := "The receiving side"
	if _, help, ok := p.option(rules.RoleReceiverReach); ok {
		receiver = fmt.Sprintf("Receiver: %s", lowerFirst(help))
		if h, ok := p.number(rules.RoleDowntime); ok {
			receiver += "; it " + offline(h)
		}
		s = append(s, receiver+".")
	} else if h, ok := p.number(rules.RoleDowntime); ok {
		s = append(s, receiver+" "+offline(h)+".")
	}
	if n, ok := p.number(rules.RoleResponseTime); ok {
		unit := "seconds"
		if n == 1 {
			unit = "second"
		}
		s = append(s, fmt.Sprintf("It takes about %s %s to finish and answer.", grouped(n), unit))
	}
	if org := p.org(); org != "" {
		s = append(s, org)
	}
	return strings.Join(s, " ")
}

// org names the edition, the licences and whether middleware exists.
func (p *prose) org() string {
	_, edition, ok := p.option(rules.RoleEdition)
	if !ok {
		return ""
	}
	s := "The org runs " + edition
	if n, ok := p.number(rules.RoleLicences); ok {
		s += fmt.Sprintf(" with %s user licences", grouped(n))
	}
	if v, ok := p.value(rules.RoleMiddleware); ok {
		if v == true {
			s += "; middleware (an ESB, ETL or iPaaS) is available"
		} else {
			s += "; there is no middleware"
		}
	}
	return s + "."
}

// remaining lists answers no sentence told, under their questions' titles, so that a question
// added to the question set is never silently left out of the record.
func (p *prose) remaining() string {
	var s []string
	for _, a := range p.answers {
		if p.used[a.ID] {
			continue
		}
		title := a.ID
		if q := p.cat.Question(a.ID); q != nil {
			title = strings.TrimSuffix(q.Title, "?")
		}
		s = append(s, fmt.Sprintf("%s: %s.", mdInline(title), mdInline(answerString(p.cat, a))))
	}
	return strings.Join(s, " ")
}

// answerString writes one answer as the wizard shows it: a select's label, a number with
// separators.
func answerString(cat *rules.Catalog, a rules.Answer) string {
	if q := cat.Question(a.ID); q != nil {
		if s, ok := a.Value.(string); ok && q.Option(s) != nil {
			return q.Option(s).Label
		}
	}
	if n, ok := a.Value.(int); ok {
		return grouped(n)
	}
	return fmt.Sprint(a.Value)
}

func grouped(n int) string { return rules.FormatNumber(float64(n)) }

// offline says how long the receiver may be away, continuing "the receiving side …".
func offline(hours int) string {
	if hours == 0 {
		return "is never offline"
	}
	return "may be offline for up to " + rules.FormatHours(float64(hours))
}

// article is "a" or "an" for a word, by its first letter.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}
