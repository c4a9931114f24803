# Reading the test runs' .trx files (Visual Studio test results, written by `dotnet test --logger trx`).

# trx_list_failures FILE...: prints each failed test's name and the first lines of its message. CI shows only the end
# of a run's output, so the names are repeated there, beside the closing count, instead of only far up in the log.
trx_list_failures() {
  awk '
    function unescape(s) {
      gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&amp;/, "\\&", s)
      return s
    }
    /<UnitTestResult / && /outcome="Failed"/ {
      match($0, /testName="[^"]*"/)
      print "Failed: " unescape(substr($0, RSTART + 10, RLENGTH - 11)) " (" FILENAME ")"
      failing = 1
      next
    }
    failing && /<Message>/ { sub(/.*<Message>/, ""); in_message = 1; lines = 0 }
    in_message {
      line = $0
      sub(/<\/Message>.*/, "", line)
      if (lines++ < 6) print "    " unescape(line)
      if ($0 ~ /<\/Message>/) { in_message = 0; failing = 0 }
    }
  ' "$@"
}
