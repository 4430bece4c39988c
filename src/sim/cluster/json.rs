//! A small JSON reader for the reassignment tool's input (the browser bundle stays free of a
//! general JSON library). Strict RFC 8259: objects keep their key order, every error has a
//! line and column, nesting is bounded, and nothing panics.

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written (validated), so integers stay exact.
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    /// Members in document order.
    Obj(Vec<(String, Json)>),
}

/// Deepest nesting accepted.
pub const DEPTH_MAX: usize = 64;

/// Why the text is not JSON, and where (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub syntax: JsonSyntax,
    pub line: usize,
    pub column: usize,
}

/// What breaks the JSON grammar; `message` words it in English as serde_json does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum JsonSyntax {
    /// The text ends inside a value, an object, a list or a string (`None`: before a `:`).
    Eof(Option<JsonPart>),
    /// Nested deeper than [`DEPTH_MAX`].
    RecursionLimit,
    KeyMustBeString,
    /// A `:` after a key.
    ExpectedColon,
    /// `,` or `}` inside an object.
    ExpectedObjectComma,
    /// `,` or `]` inside a list.
    ExpectedListComma,
    ExpectedValue,
    InvalidNumber,
    InvalidEscape,
    InvalidUnicode,
    LoneSurrogate,
    InvalidCodePoint,
    ControlCharacter,
    TrailingCharacters,
}

/// The part of a document a text ended inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum JsonPart {
    Value,
    Object,
    List,
    String,
}

impl JsonSyntax {
    /// Every syntax error, for tests that word each one.
    pub const ALL: &'static [JsonSyntax] = &[
        JsonSyntax::Eof(None),
        JsonSyntax::Eof(Some(JsonPart::Value)),
        JsonSyntax::Eof(Some(JsonPart::Object)),
        JsonSyntax::Eof(Some(JsonPart::List)),
        JsonSyntax::Eof(Some(JsonPart::String)),
        JsonSyntax::RecursionLimit,
        JsonSyntax::KeyMustBeString,
        JsonSyntax::ExpectedColon,
        JsonSyntax::ExpectedObjectComma,
        JsonSyntax::ExpectedListComma,
        JsonSyntax::ExpectedValue,
        JsonSyntax::InvalidNumber,
        JsonSyntax::InvalidEscape,
        JsonSyntax::InvalidUnicode,
        JsonSyntax::LoneSurrogate,
        JsonSyntax::InvalidCodePoint,
        JsonSyntax::ControlCharacter,
        JsonSyntax::TrailingCharacters,
    ];

    /// serde_json's words.
    pub fn message(self) -> &'static str {
        match self {
            JsonSyntax::Eof(None) => "EOF while parsing",
            JsonSyntax::Eof(Some(JsonPart::Value)) => "EOF while parsing a value",
            JsonSyntax::Eof(Some(JsonPart::Object)) => "EOF while parsing an object",
            JsonSyntax::Eof(Some(JsonPart::List)) => "EOF while parsing a list",
            JsonSyntax::Eof(Some(JsonPart::String)) => "EOF while parsing a string",
            JsonSyntax::RecursionLimit => "recursion limit exceeded",
            JsonSyntax::KeyMustBeString => "key must be a string",
            JsonSyntax::ExpectedColon => "expected `:`",
            JsonSyntax::ExpectedObjectComma => "expected `,` or `}`",
            JsonSyntax::ExpectedListComma => "expected `,` or `]`",
            JsonSyntax::ExpectedValue => "expected value",
            JsonSyntax::InvalidNumber => "invalid number",
            JsonSyntax::InvalidEscape => "invalid escape",
            JsonSyntax::InvalidUnicode => "invalid unicode",
            JsonSyntax::LoneSurrogate => "lone leading surrogate in hex escape",
            JsonSyntax::InvalidCodePoint => "invalid unicode code point",
            JsonSyntax::ControlCharacter => "control character (\\u0000-\\u001F) found while parsing a string",
            JsonSyntax::TrailingCharacters => "trailing characters",
        }
    }
}

impl JsonError {
    pub fn message(&self) -> &'static str {
        self.syntax.message()
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at line {} column {}", self.message(), self.line, self.column)
    }
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(a) => Some(a),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Obj(_))
    }

    /// An integer that fits an `i64` (no fraction, no exponent).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Num(n) => n.parse::<i64>().ok(),
            _ => None,
        }
    }
}

/// Write a string as a JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl std::fmt::Display for Json {
    /// Compact JSON.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Json::Null => write!(f, "null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Num(n) => write!(f, "{n}"),
            Json::Str(s) => write!(f, "{}", quote(s)),
            Json::Arr(a) => {
                write!(f, "[")?;
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        write!(f, ",")?;
                    }
                    write!(f, "{v}")?;
                }
                write!(f, "]")
            }
            Json::Obj(m) => {
                write!(f, "{{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        write!(f, ",")?;
                    }
                    write!(f, "{}:{v}", quote(k))?;
                }
                write!(f, "}}")
            }
        }
    }
}

struct Reader<'a> {
    text: &'a [u8],
    pos: usize,
}

/// Parse a whole document.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut r = Reader { text: text.as_bytes(), pos: 0 };
    r.ws();
    let v = r.value(0)?;
    r.ws();
    if r.pos < r.text.len() {
        return Err(r.error(JsonSyntax::TrailingCharacters));
    }
    Ok(v)
}

impl Reader<'_> {
    fn error(&self, syntax: JsonSyntax) -> JsonError {
        let upto = &self.text[..self.pos.min(self.text.len())];
        let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = upto.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&upto[line_start..]).chars().count() + 1;
        JsonError { syntax, line, column }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, b: u8, what: JsonSyntax) -> Result<(), JsonError> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else if self.peek().is_none() {
            Err(self.error(JsonSyntax::Eof(None)))
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > DEPTH_MAX {
            return Err(self.error(JsonSyntax::RecursionLimit));
        }
        match self.peek() {
            None => Err(self.error(JsonSyntax::Eof(Some(JsonPart::Value)))),
            Some(b'{') => {
                self.pos += 1;
                let mut members = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Json::Obj(members));
                }
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        return Err(self.error(JsonSyntax::KeyMustBeString));
                    }
                    let k = self.string()?;
                    self.ws();
                    self.expect(b':', JsonSyntax::ExpectedColon)?;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    members.push((k, v));
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Json::Obj(members));
                        }
                        None => return Err(self.error(JsonSyntax::Eof(Some(JsonPart::Object)))),
                        _ => return Err(self.error(JsonSyntax::ExpectedObjectComma)),
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Json::Arr(items));
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Json::Arr(items));
                        }
                        None => return Err(self.error(JsonSyntax::Eof(Some(JsonPart::List)))),
                        _ => return Err(self.error(JsonSyntax::ExpectedListComma)),
                    }
                }
            }
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error(JsonSyntax::ExpectedValue)),
        }
    }

    fn word(&mut self, w: &str, v: Json) -> Result<Json, JsonError> {
        if self.text[self.pos..].starts_with(w.as_bytes()) {
            self.pos += w.len();
            Ok(v)
        } else {
            Err(self.error(JsonSyntax::ExpectedValue))
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.peek(), Some(b'0'..=b'9')) {
                    self.pos += 1;
                }
            }
            _ => return Err(self.error(JsonSyntax::InvalidNumber)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(JsonSyntax::InvalidNumber));
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(JsonSyntax::InvalidNumber));
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        Ok(Json::Num(String::from_utf8_lossy(&self.text[start..self.pos]).into_owned()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits =
            self.text.get(self.pos..self.pos + 4).ok_or_else(|| self.error(JsonSyntax::Eof(Some(JsonPart::String))))?;
        let s = std::str::from_utf8(digits).map_err(|_| self.error(JsonSyntax::InvalidEscape))?;
        let v = u32::from_str_radix(s, 16).map_err(|_| self.error(JsonSyntax::InvalidEscape))?;
        self.pos += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // the opening quote
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.error(JsonSyntax::Eof(Some(JsonPart::String)))),
                Some(b'"') => {
                    self.pos += 1;
                    return String::from_utf8(out).map_err(|_| self.error(JsonSyntax::InvalidUnicode));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.peek().ok_or_else(|| self.error(JsonSyntax::Eof(Some(JsonPart::String))))?;
                    self.pos += 1;
                    let ch = match c {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.text.get(self.pos..self.pos + 2) != Some(b"\\u") {
                                    return Err(self.error(JsonSyntax::LoneSurrogate));
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error(JsonSyntax::InvalidCodePoint));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| self.error(JsonSyntax::InvalidCodePoint))?
                        }
                        _ => return Err(self.error(JsonSyntax::InvalidEscape)),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                Some(b) if b < 0x20 => return Err(self.error(JsonSyntax::ControlCharacter)),
                Some(b) => {
                    out.push(b);
                    self.pos += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_back() {
        let v = parse(" {\"a\": [1, -2.5e3, true, null, \"x\\\"\\u00e9\\ud83d\\ude00\"], \"b\": {}} ").unwrap();
        assert_eq!(v.to_string(), "{\"a\":[1,-2.5e3,true,null,\"x\\\"é😀\"],\"b\":{}}");
        assert_eq!(v.get("a").unwrap().as_array().unwrap()[0].as_i64(), Some(1));
        assert_eq!(v.get("a").unwrap().as_array().unwrap()[1].as_i64(), None);
    }

    #[test]
    fn errors_have_positions_and_never_panic() {
        let e = parse("{\"a\": 1,\n \"b\": }").unwrap_err();
        assert_eq!((e.line, e.column), (2, 7));
        for bad in
            ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "\"\\ud800\"", "[1] 2", "tru", "{1: 2}", "\"\u{1}\""]
        {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(1000);
        assert_eq!(parse(&deep).unwrap_err().message(), "recursion limit exceeded");
    }
}
