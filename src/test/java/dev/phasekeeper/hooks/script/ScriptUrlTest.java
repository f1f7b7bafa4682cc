package dev.phasekeeper.hooks.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptUrlTest {

  @Test
  void shouldReadAbsoluteExecPathWithEmptyAuthority() {
    ScriptUrl url = ScriptUrl.parse("exec:///opt/mws/spool/hooks/notify.sh");

    assertThat(url.scheme()).isEqualTo("exec");
    assertThat(url.isExec()).isTrue();
    assertThat(url.host()).isNull();
    assertThat(url.port()).isEqualTo(-1);
    assertThat(url.path()).isEqualTo("/opt/mws/spool/hooks/notify.sh");
    assertThat(url.arguments()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "exec://audit/log.sh, audit/log.sh",
    "exec:audit/log.sh, audit/log.sh",
    "exec:log.sh, log.sh",
    "exec://log.sh, log.sh",
    "EXEC:///x.sh, /x.sh",
    "exec:/abs/x.sh, /abs/x.sh"
  })
  void shouldReadRelativeAndAbsoluteExecPaths(String text, String path) {
    assertThat(ScriptUrl.parse(text).path()).isEqualTo(path);
  }

  @Test
  void shouldTurnEachQueryParameterIntoOneArgumentInOrder() {
    ScriptUrl url =
        ScriptUrl.parse("exec:///hook.sh?a=$name&b=x&arg1&arg2&c=$attributes.moab.job.template");

    assertThat(url.arguments())
        .containsExactly("$name", "x", "arg1", "arg2", "$attributes.moab.job.template");
  }

  @Test
  void shouldPercentDecodeValuesAndKeepPlusAsPlus() {
    ScriptUrl url =
        ScriptUrl.parse(
            "exec:///my%20dir/hook%2B1.sh?msg=hello%20world&sum=1+1&x=a%26b%3Dc&u=%C3%A9t%C3%A9");

    assertThat(url.path()).isEqualTo("/my dir/hook+1.sh");
    assertThat(url.arguments()).containsExactly("hello world", "1+1", "a&b=c", "été");
  }

  @Test
  void shouldNeverSplitValues() {
    ScriptUrl url = ScriptUrl.parse("exec:///hook.sh?cmd=a b ; rm -rf x&q='\"");

    assertThat(url.arguments()).containsExactly("a b ; rm -rf x", "'\"");
  }

  @Test
  void shouldKeepEmptyValuesAndSkipEmptyParameters() {
    ScriptUrl url = ScriptUrl.parse("exec:///hook.sh?a=&&b=c=d&");

    assertThat(url.arguments()).containsExactly("", "c=d");
  }

  @Test
  void shouldReadSshHostPortPathAndArguments() {
    ScriptUrl url =
        ScriptUrl.parse("ssh://node7.example.com:2222/usr/local/bin/deploy.sh?$id&mode=fast");

    assertThat(url.isSsh()).isTrue();
    assertThat(url.host()).isEqualTo("node7.example.com");
    assertThat(url.port()).isEqualTo(2222);
    assertThat(url.path()).isEqualTo("/usr/local/bin/deploy.sh");
    assertThat(url.arguments()).containsExactly("$id", "fast");
  }

  @Test
  void shouldLeaveSshPortUnsetWhenAbsent() {
    ScriptUrl url = ScriptUrl.parse("ssh://node7/deploy.sh");

    assertThat(url.port()).isEqualTo(-1);
    assertThat(url.portOr(22)).isEqualTo(22);
  }

  @Test
  void shouldReadIpv6SshHost() {
    ScriptUrl url = ScriptUrl.parse("ssh://[::1]:22/deploy.sh");

    assertThat(url.host()).isEqualTo("[::1]");
    assertThat(url.port()).isEqualTo(22);
  }

  @Test
  void shouldRefuseOtherSchemes() {
    assertThatThrownBy(() -> ScriptUrl.parse("http://example.com/hook"))
        .isInstanceOf(InvalidScriptUrlException.class)
        .hasMessage("url: scheme 'http' is not supported (use exec or ssh)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec://", "exec:///", "exec:", "exec:?a=1", "ssh://host", "ssh://host/"})
  void shouldRefuseMissingPath(String text) {
    assertThatThrownBy(() -> ScriptUrl.parse(text))
        .isInstanceOf(InvalidScriptUrlException.class)
        .hasMessage("url: missing script path");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | url: missing",
        "/opt/hook.sh | url: missing scheme",
        "ssh:/path | url: ssh needs a host",
        "ssh:///path | url: ssh needs a host",
        "ssh://host:99999/x | url: port '99999'",
        "ssh://host:abc/x | url: port 'abc'",
        "ssh://root@host/x | url: a user in the ssh url is not supported",
        "exec:///x.sh?a=%zz | url: invalid percent-encoding '%zz'",
        "exec:///x.sh?a=%4 | url: invalid percent-encoding '%4'",
        "exec:///x.sh?a=%FF | are not valid UTF-8",
        "exec:///x%00.sh | NUL",
        "exec:///x.sh?a=#1 | url: '#' is not allowed"
      })
  void shouldNameTheProblem(String text, String message) {
    assertThatThrownBy(() -> ScriptUrl.parse(text))
        .isInstanceOf(InvalidScriptUrlException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
