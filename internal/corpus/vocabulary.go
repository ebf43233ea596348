package corpus

// The vocabulary is a few hundred ordinary English words about work and
// conversation, so generated prose has realistic word lengths and a
// believable shape for search indexes, summaries and reading-time estimates.

var nouns = []string{
	"agenda", "answer", "approach", "argument", "attention", "balance", "behavior", "belief",
	"budget", "career", "change", "choice", "client", "coach", "colleague", "commitment",
	"community", "confidence", "conflict", "conversation", "courage", "craft", "culture", "curiosity",
	"deadline", "decision", "delay", "detail", "dialogue", "difference", "direction", "discipline",
	"doubt", "draft", "effort", "energy", "evidence", "example", "experience", "experiment",
	"failure", "feedback", "feeling", "focus", "friend", "future", "goal", "habit",
	"history", "honesty", "hour", "idea", "impulse", "insight", "instinct", "intention",
	"interest", "journey", "judgment", "kindness", "language", "leader", "lesson", "list",
	"manager", "meaning", "meeting", "memory", "method", "mistake", "moment", "morning",
	"motive", "note", "opinion", "outcome", "pattern", "pause", "plan", "practice",
	"pressure", "priority", "problem", "process", "progress", "project", "promise", "purpose",
	"question", "reason", "reflection", "relationship", "report", "request", "response", "result",
	"review", "risk", "role", "routine", "schedule", "season", "session", "signal",
	"silence", "situation", "skill", "space", "stake", "step", "story", "strategy",
	"strength", "structure", "success", "support", "task", "team", "tension", "theory",
	"thought", "tone", "trust", "truth", "value", "version", "voice", "week",
	"window", "work", "workshop", "writer",
}

// verbs are base forms; third-person forms are derived by thirdPerson.
var verbs = []string{
	"accept", "adjust", "admire", "agree", "allow", "answer", "ask", "avoid",
	"balance", "build", "carry", "change", "check", "choose", "clarify", "collect",
	"compare", "consider", "create", "deliver", "describe", "discover", "discuss", "doubt",
	"earn", "encourage", "examine", "expect", "explain", "explore", "finish", "follow",
	"forget", "gather", "guide", "hold", "ignore", "imagine", "improve", "include",
	"invite", "keep", "lead", "learn", "measure", "mention", "name", "notice",
	"offer", "open", "organize", "plan", "practice", "prepare", "protect", "question",
	"reach", "read", "reframe", "remember", "repeat", "review", "reward", "shape",
	"share", "shift", "show", "simplify", "study", "suggest", "support", "test",
	"trust", "understand", "value", "watch", "welcome", "write",
}

var adjectives = []string{
	"able", "anxious", "brief", "brave", "busy", "calm", "candid", "careful",
	"clear", "close", "common", "complex", "concrete", "constant", "curious", "daily",
	"deep", "difficult", "direct", "distant", "early", "easy", "familiar", "fair",
	"firm", "formal", "fresh", "gentle", "generous", "good", "honest", "hopeful",
	"important", "informal", "humble", "kind", "large", "late", "light", "likely",
	"long", "loud", "modest", "narrow", "natural", "new", "obvious", "old",
	"open", "ordinary", "patient", "plain", "practical", "private", "quick", "quiet",
	"rare", "ready", "real", "recent", "regular", "serious", "sharp", "short",
	"simple", "slow", "small", "specific", "steady", "strong", "subtle", "sudden",
	"useful", "warm", "weekly", "whole", "wide", "wise",
}

var adverbs = []string{
	"again", "almost", "always", "carefully", "clearly", "closely", "gently", "gradually",
	"honestly", "often", "openly", "patiently", "plainly", "quickly", "quietly", "rarely",
	"really", "seldom", "simply", "slowly", "sometimes", "steadily", "still", "usually",
}

var prepositions = []string{
	"about", "after", "against", "around", "before", "behind", "beside", "between",
	"beyond", "during", "for", "from", "inside", "into", "near", "through",
	"toward", "under", "with", "within", "without",
}

var determiners = []string{"the", "a", "every", "each", "this", "that", "one", "another", "some", "our", "your", "their"}

var conjunctions = []string{"and", "but", "while", "because", "although", "so", "until", "since", "when", "unless"}

var subjects = []string{"we", "they", "you", "coaches", "clients", "people", "teams", "managers", "writers", "leaders"}

var modals = []string{"can", "could", "should", "will", "might", "must", "would", "may"}
