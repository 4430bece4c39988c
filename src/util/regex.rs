//! A small regular-expression matcher for topic patterns: `KafkaConsumer.subscribe(Pattern)`
//! and the console consumer's `--include` match a topic name with Java's
//! `Pattern.matcher(topic).matches()` (the whole name). The subset topic patterns use is
//! supported: literals, `.`, classes `[a-z0-9._-]` and `[^...]`, `\d \w \s` (and their
//! negations), escaped metacharacters, groups `(...)` and `(?:...)`, alternation `|`, the greedy
//! quantifiers `* + ? {n} {n,} {n,m}`, and `^`/`$`. Anything else (look-around, back
//! references, lazy or possessive quantifiers, flags) is refused with its position, never
//! guessed. Matching backtracks with a bounded number of steps (`STEPS_MAX`).

/// Most matching steps for one name (topic names are at most 249 characters).
pub const STEPS_MAX: u32 = 100_000;
/// Longest pattern accepted.
pub const PATTERN_CHARS_MAX: usize = 256;

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Regex {
    source: String,
    alt: Vec<Vec<Node>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Char(char),
    Any,
    Class { ranges: Vec<(char, char)>, negated: bool },
    Group(Vec<Vec<Node>>),
    Repeat { node: Box<Node>, min: u32, max: Option<u32> },
    Start,
    End,
}

/// Why a pattern was refused: Java's `PatternSyntaxException` wording and the position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegexError {
    pub message: String,
    /// Character index in the pattern.
    pub index: usize,
}

impl std::fmt::Display for RegexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} near index {}", self.message, self.index)
    }
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> RegexError {
        RegexError { message: message.to_string(), index: self.at }
    }

    fn alternation(&mut self, depth: u32) -> Result<Vec<Vec<Node>>, RegexError> {
        let mut alt = vec![self.sequence(depth)?];
        while self.chars.get(self.at) == Some(&'|') {
            self.at += 1;
            alt.push(self.sequence(depth)?);
        }
        Ok(alt)
    }

    fn sequence(&mut self, depth: u32) -> Result<Vec<Node>, RegexError> {
        let mut seq = Vec::new();
        while let Some(&c) = self.chars.get(self.at) {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom(depth)?;
            let node = self.quantified(atom)?;
            seq.push(node);
        }
        Ok(seq)
    }

    fn atom(&mut self, depth: u32) -> Result<Node, RegexError> {
        let c = self.chars[self.at];
        self.at += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '(' => {
                if depth >= 16 {
                    return Err(self.error("Groups nested too deep"));
                }
                if self.chars.get(self.at) == Some(&'?') {
                    if self.chars.get(self.at + 1) != Some(&':') {
                        return Err(self.error("Unsupported group construct (only (?:...) is supported)"));
                    }
                    self.at += 2;
                }
                let alt = self.alternation(depth + 1)?;
                if self.chars.get(self.at) != Some(&')') {
                    return Err(self.error("Unclosed group"));
                }
                self.at += 1;
                Node::Group(alt)
            }
            '[' => self.class()?,
            '\\' => self.escape(false)?,
            '*' | '+' | '?' | '{' => {
                self.at -= 1;
                return Err(self.error(&format!("Dangling meta character '{c}'")));
            }
            other => Node::Char(other),
        })
    }

    fn escape(&mut self, in_class: bool) -> Result<Node, RegexError> {
        let Some(&e) = self.chars.get(self.at) else {
            return Err(self.error("Unexpected internal error"));
        };
        self.at += 1;
        let class = |ranges: Vec<(char, char)>, negated| Node::Class { ranges, negated };
        let digit = vec![('0', '9')];
        let word = vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')];
        let space = vec![(' ', ' '), ('\t', '\r')];
        Ok(match e {
            'd' => class(digit, false),
            'D' if !in_class => class(digit, true),
            'w' => class(word, false),
            'W' if !in_class => class(word, true),
            's' => class(space, false),
            'S' if !in_class => class(space, true),
            't' => Node::Char('\t'),
            'n' => Node::Char('\n'),
            c if !c.is_ascii_alphanumeric() => Node::Char(c),
            _ => {
                self.at -= 1;
                return Err(self.error("Illegal/unsupported escape sequence"));
            }
        })
    }

    fn class(&mut self) -> Result<Node, RegexError> {
        let negated = self.chars.get(self.at) == Some(&'^');
        if negated {
            self.at += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let Some(&c) = self.chars.get(self.at) else {
                return Err(self.error("Unclosed character class"));
            };
            if c == ']' && !first {
                self.at += 1;
                break;
            }
            first = false;
            self.at += 1;
            let lo = match c {
                '\\' => match self.escape(true)? {
                    Node::Char(ch) => ch,
                    Node::Class { ranges: r, .. } => {
                        ranges.extend(r);
                        continue;
                    }
                    _ => return Err(self.error("Illegal/unsupported escape sequence")),
                },
                '[' => return Err(self.error("Nested character classes are not supported")),
                other => other,
            };
            if self.chars.get(self.at) == Some(&'-') && self.chars.get(self.at + 1).is_some_and(|n| *n != ']') {
                let hi = self.chars[self.at + 1];
                if hi < lo {
                    return Err(self.error("Illegal character range"));
                }
                self.at += 2;
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Node::Class { ranges, negated })
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, RegexError> {
        let (min, max) = match self.chars.get(self.at) {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => return self.braces(atom),
            _ => return Ok(atom),
        };
        self.at += 1;
        self.no_lazy()?;
        Ok(Node::Repeat { node: Box::new(atom), min, max })
    }

    fn braces(&mut self, atom: Node) -> Result<Node, RegexError> {
        let start = self.at;
        self.at += 1;
        let number = |p: &mut Self| -> Option<u32> {
            let from = p.at;
            while p.chars.get(p.at).is_some_and(|c| c.is_ascii_digit()) {
                p.at += 1;
            }
            p.chars[from..p.at].iter().collect::<String>().parse().ok().filter(|n| *n <= 1000)
        };
        let min = number(self).ok_or_else(|| RegexError { message: "Illegal repetition".into(), index: start })?;
        let max = if self.chars.get(self.at) == Some(&',') {
            self.at += 1;
            if self.chars.get(self.at) == Some(&'}') {
                None
            } else {
                Some(number(self).ok_or_else(|| self.error("Illegal repetition range"))?)
            }
        } else {
            Some(min)
        };
        if self.chars.get(self.at) != Some(&'}') || max.is_some_and(|m| m < min) {
            return Err(self.error("Unclosed counted closure"));
        }
        self.at += 1;
        self.no_lazy()?;
        Ok(Node::Repeat { node: Box::new(atom), min, max })
    }

    fn no_lazy(&self) -> Result<(), RegexError> {
        match self.chars.get(self.at) {
            Some('?') | Some('+') => Err(self.error("Lazy and possessive quantifiers are not supported")),
            _ => Ok(()),
        }
    }
}

impl Regex {
    /// `Pattern.compile(source)`, or why not.
    pub fn new(source: &str) -> Result<Self, RegexError> {
        let chars: Vec<char> = source.chars().collect();
        if chars.len() > PATTERN_CHARS_MAX {
            return Err(RegexError { message: format!("Longer than {PATTERN_CHARS_MAX} characters"), index: 0 });
        }
        let mut p = Parser { chars: &chars, at: 0 };
        let alt = p.alternation(0)?;
        if p.at < chars.len() {
            return Err(p.error("Unmatched closing ')'"));
        }
        Ok(Self { source: source.to_string(), alt })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// `Pattern.matcher(text).matches()`: the whole text matches.
    pub fn matches(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let mut steps = 0u32;
        let mut m = Matcher { text: &chars, steps: &mut steps };
        m.alt(&self.alt, 0, &mut |i, _| i == chars.len())
    }
}

struct Matcher<'a> {
    text: &'a [char],
    steps: &'a mut u32,
}

type Next<'k> = dyn FnMut(usize, &mut Matcher<'_>) -> bool + 'k;

impl Matcher<'_> {
    fn tick(&mut self) -> bool {
        *self.steps += 1;
        *self.steps <= STEPS_MAX
    }

    fn alt(&mut self, alt: &[Vec<Node>], i: usize, k: &mut Next<'_>) -> bool {
        alt.iter().any(|seq| self.seq(seq, i, k))
    }

    fn seq(&mut self, seq: &[Node], i: usize, k: &mut Next<'_>) -> bool {
        if !self.tick() {
            return false;
        }
        match seq.split_first() {
            None => k(i, self),
            Some((node, rest)) => self.node(node, i, &mut |j, m: &mut Matcher<'_>| m.seq(rest, j, k)),
        }
    }

    fn node(&mut self, node: &Node, i: usize, k: &mut Next<'_>) -> bool {
        match node {
            Node::Start => i == 0 && k(i, self),
            Node::End => i == self.text.len() && k(i, self),
            Node::Group(alt) => self.alt(alt, i, k),
            Node::Repeat { node, min, max } => self.repeat(node, *min, *max, 0, i, k),
            single => self.text.get(i).is_some_and(|c| single_matches(single, *c)) && k(i + 1, self),
        }
    }

    /// Greedy: one more first, then what follows.
    fn repeat(&mut self, node: &Node, min: u32, max: Option<u32>, count: u32, i: usize, k: &mut Next<'_>) -> bool {
        if !self.tick() {
            return false;
        }
        if max.is_none_or(|m| count < m)
            && self.node(node, i, &mut |j, m: &mut Matcher<'_>| {
                // An empty iteration cannot make progress: stop repeating.
                j != i && m.repeat(node, min, max, count + 1, j, k)
            })
        {
            return true;
        }
        count >= min && k(i, self)
    }
}

fn single_matches(node: &Node, c: char) -> bool {
    match node {
        Node::Char(x) => *x == c,
        Node::Any => c != '\n' && c != '\r',
        Node::Class { ranges, negated } => ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        Regex::new(p).expect("compiles").matches(t)
    }

    #[test]
    fn whole_name_matches_as_java_matches() {
        assert!(m("orders.*", "orders"));
        assert!(m("orders.*", "orders-eu"));
        assert!(!m("orders", "orders-eu"), "matches() needs the whole name, not find()");
        assert!(m("(orders|payments)-[0-9]+", "payments-12"));
        assert!(!m("(orders|payments)-[0-9]+", "payments-"));
        assert!(m("t\\.\\d{2,3}", "t.123"));
        assert!(!m("t\\.\\d{2,3}", "t.1234"));
        assert!(!m("t\\.x", "tax"));
        assert!(m("[^_].*", "orders"));
        assert!(!m("[^_].*", "__consumer_offsets"));
        assert!(m("a?b*c+", "c"));
        assert!(m("(?:ab)*", "abab"));
        assert!(m("(a*)*b", "aaab"));
        assert!(m("[a-c-]+", "a-c"));
    }

    #[test]
    fn bad_patterns_say_where() {
        assert_eq!(Regex::new("orders(").unwrap_err().message, "Unclosed group");
        assert_eq!(Regex::new("*x").unwrap_err().index, 0);
        assert_eq!(Regex::new("a)").unwrap_err().index, 1);
        assert!(Regex::new("[abc").is_err());
        assert!(Regex::new("a{3,1}").is_err());
        assert!(Regex::new("a*?").is_err());
        assert!(Regex::new("(?=a)").is_err());
        assert!(Regex::new("\\1").is_err());
    }

    #[test]
    fn catastrophic_patterns_stop() {
        let r = Regex::new("(a+)+b").expect("compiles");
        assert!(!r.matches(&"a".repeat(60)));
    }
}
