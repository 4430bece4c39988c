//! Shell words: split a command line as a POSIX shell would, and quote a word for one. Used by
//! the Kafka console, the scenario format (console steps) and the page's forms.

/// Why a line does not split into words, and where (1-based column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ShellError {
    /// A quote (`'` or `"`) opened at `column` and never closed.
    Unterminated { quote: char, column: usize },
    /// The line ends right after a backslash at `column`.
    TrailingBackslash { column: usize },
}

impl std::fmt::Display for ShellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShellError::Unterminated { quote, column } => write!(f, "unterminated {quote} quote (column {column})"),
            ShellError::TrailingBackslash { column } => write!(f, "a backslash ends the line (column {column})"),
        }
    }
}

/// Split a command line as a POSIX shell would (quotes and backslashes), or say where it is
/// malformed.
pub fn tokenize(line: &str) -> Result<Vec<String>, ShellError> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some((_, '\'')) => break,
                        Some((_, ch)) => cur.push(ch),
                        None => return Err(ShellError::Unterminated { quote: '\'', column: i + 1 }),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.next() {
                            Some((_, ch @ ('"' | '\\' | '$' | '`'))) => cur.push(ch),
                            Some((_, ch)) => {
                                cur.push('\\');
                                cur.push(ch);
                            }
                            None => return Err(ShellError::Unterminated { quote: '"', column: i + 1 }),
                        },
                        Some((_, ch)) => cur.push(ch),
                        None => return Err(ShellError::Unterminated { quote: '"', column: i + 1 }),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some((_, ch)) => cur.push(ch),
                    None => return Err(ShellError::TrailingBackslash { column: i + 1 }),
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    Ok(out)
}

/// A word for a command line (single-quoted when it holds anything a shell would split).
pub fn quote_word(w: &str) -> String {
    if !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:,/=@+".contains(c)) {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}
