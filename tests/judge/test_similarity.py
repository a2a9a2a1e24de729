"""The plagiarism hint (core/judge/similarity.py): copies flagged, honest work left alone."""

from __future__ import annotations

import pytest

from core.judge.similarity import SimilarPair, normalise_source, similar_pairs

PREFIX_SUMS = """\
#include <bits/stdc++.h>
using namespace std;

// Answer range-sum queries with prefix sums.
int main() {
    int n, q;
    cin >> n >> q;
    vector<long long> prefix(n + 1, 0);
    for (int i = 1; i <= n; i++) {
        long long value;
        cin >> value;
        prefix[i] = prefix[i - 1] + value;
    }
    while (q--) {
        int left, right;
        cin >> left >> right;
        cout << prefix[right] - prefix[left - 1] << "\\n";
    }
    return 0;
}
"""

# The same program with other names, no comments and another layout.
PREFIX_SUMS_DISGUISED = """\
#include   <bits/stdc++.h>
using namespace std;
int main()
{
  int N,Q; cin>>N>>Q;
  /* read the array */
  vector<long long> s(N+1,0);
  for(int k=1;k<=N;k++){long long x;cin>>x;s[k]=s[k-1]+x;}
  while(Q--){int a,b;cin>>a>>b;cout<<s[b]-s[a-1]<<"\\n";}
  return 0;
}
"""

# The same program with a sanity check slipped in.
PREFIX_SUMS_EDITED = PREFIX_SUMS.replace(
    "        cin >> left >> right;\n",
    "        cin >> left >> right;\n        if (left > right) swap(left, right);\n",
)

# The same queries answered by summing each range: another algorithm.
NAIVE_SUMS = """\
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, q;
    scanf("%d %d", &n, &q);
    vector<int> a(n);
    for (auto &x : a) scanf("%d", &x);
    for (int t = 0; t < q; t++) {
        int l, r;
        scanf("%d %d", &l, &r);
        long long total = 0;
        for (int j = l - 1; j < r; j++) total += a[j];
        printf("%lld\\n", total);
    }
}
"""

PYTHON_SUMS = """\
import sys

def main():
    data = sys.stdin.read().split()  # all input at once
    n, q = int(data[0]), int(data[1])
    prefix = [0] * (n + 1)
    for i in range(n):
        prefix[i + 1] = prefix[i] + int(data[2 + i])
    out = []
    for k in range(q):
        left, right = int(data[2 + n + 2 * k]), int(data[3 + n + 2 * k])
        out.append(str(prefix[right] - prefix[left - 1]))
    print("\\n".join(out))

main()
"""

PYTHON_SUMS_RENAMED = """\
import sys


def main():
    # Prefix sums.
    tokens = sys.stdin.read().split()
    size, queries = int(tokens[0]), int(tokens[1])
    acc = [0] * (size + 1)
    for p in range(size):
        acc[p + 1] = acc[p] + int(tokens[2 + p])
    lines = []
    for z in range(queries):
        lo, hi = int(tokens[2 + size + 2 * z]), int(tokens[3 + size + 2 * z])
        lines.append(str(acc[hi] - acc[lo - 1]))
    print("\\n".join(lines))


main()
"""


def test_renamed_variables_comments_and_layout_do_not_change_the_normal_form():
    assert normalise_source("cpp17", PREFIX_SUMS) == normalise_source("g++", PREFIX_SUMS_DISGUISED)


def test_normal_form_keeps_keywords_library_names_and_strings():
    source = 'int total = 0; /* sum */ cout << "total: " << total; // done'

    assert normalise_source("C++", source) == 'int v1 = 0 ; cout << "total: " << v1 ;'


def test_python_comments_go_and_strings_stay():
    source = "answer = input()  # read it\nprint(f'# {answer}')\n"

    assert normalise_source("python3", source) == "v1 = input ( ) print ( f'# {answer}' )"


def test_pascal_comments_of_every_kind_go_and_case_does_not_matter():
    first = "{ sum } var Total: Integer; begin (* go *) Total := 0; WriteLn('A', Total) end. // x"
    second = "var total: integer;\nbegin\n  total := 0;\n  writeln('A', total)\nend."

    assert normalise_source("fpc", first) == normalise_source("pascal", second)
    assert normalise_source("fpc", second) == (
        "var v1 : integer ; begin v1 := 0 ; writeln ( 'A' , v1 ) end ."
    )


def test_a_disguised_copy_is_flagged_as_identical():
    pairs = similar_pairs([(7, "cpp17", PREFIX_SUMS), (3, "cpp20", PREFIX_SUMS_DISGUISED)])

    assert pairs == [SimilarPair(a=3, b=7, similarity=1.0, identical=True)]


def test_a_copy_with_a_small_edit_scores_far_above_honest_work():
    sources = [(1, "cpp", PREFIX_SUMS), (2, "cpp", PREFIX_SUMS_EDITED), (3, "cpp", NAIVE_SUMS)]

    # A line slipped into a 20-line program leaves it about nine tenths the same: a teacher
    # looking for edited copies lowers the threshold, and honest work stays far below.
    pairs = similar_pairs(sources, threshold=0.8)

    assert [(pair.a, pair.b, pair.identical) for pair in pairs] == [(1, 2, False)]
    assert 0.8 <= pairs[0].similarity < 1
    assert all(pair.similarity < 0.3 for pair in similar_pairs(sources, threshold=0.01)[1:])


def test_a_different_algorithm_for_the_same_task_is_not_flagged():
    assert similar_pairs([(1, "cpp", PREFIX_SUMS), (2, "cpp", NAIVE_SUMS)]) == []
    assert similar_pairs([(1, "cpp", PREFIX_SUMS), (2, "cpp", NAIVE_SUMS)], threshold=0.5) == []


def test_python_copies_are_flagged_among_a_class():
    sources = [
        (1, "python3", PYTHON_SUMS),
        (2, "cpp", PREFIX_SUMS),
        (3, "pypy3", PYTHON_SUMS_RENAMED),
        (4, "cpp", NAIVE_SUMS),
        (5, "cpp", PREFIX_SUMS_DISGUISED),
    ]

    pairs = similar_pairs(sources)

    assert pairs == [
        SimilarPair(1, 3, 1.0, identical=True),
        SimilarPair(2, 5, 1.0, identical=True),
    ]


def test_submissions_in_different_languages_are_never_paired():
    # The same tokens read as C and as C++: still two languages.
    source = "int main() { int x; x = 1; return x; }"

    pairs = similar_pairs([(1, "c11", source), (2, "cpp17", source), (3, "java", source)])

    assert pairs == []


def test_sources_without_code_are_left_out():
    assert similar_pairs([(1, "cpp", "// nothing yet\n"), (2, "cpp", "  ")]) == []


@pytest.mark.parametrize("threshold", [0, -0.5, 1.01])
def test_a_threshold_outside_zero_to_one_is_refused(threshold: float):
    with pytest.raises(ValueError, match="threshold"):
        similar_pairs([], threshold=threshold)
