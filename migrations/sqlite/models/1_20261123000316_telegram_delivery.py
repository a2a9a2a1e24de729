from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "outbox_message" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "organisation_id" INT,
    "person_id" INT NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "bot" VARCHAR(16) NOT NULL,
    "message" TEXT NOT NULL,
    "params" JSON NOT NULL,
    "translate" INT NOT NULL,
    "dedupe_key" VARCHAR(128) UNIQUE,
    "status" VARCHAR(12) NOT NULL /* PENDING: pending\nSENDING: sending\nSENT: sent\nFAILED: failed\nUNREACHABLE: unreachable */,
    "attempts" INT NOT NULL,
    "available_at" TIMESTAMP NOT NULL,
    "claimed_until" TIMESTAMP,
    "last_error" VARCHAR(300) NOT NULL,
    "external_id" VARCHAR(64) NOT NULL /* Telegram message id */,
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP
) /* Something core must tell a person; delivery workers send it and record the result. */;
CREATE INDEX IF NOT EXISTS "idx_outbox_mess_person__334ae4" ON "outbox_message" ("person_id");
CREATE INDEX IF NOT EXISTS "idx_outbox_mess_availab_cf47c6" ON "outbox_message" ("available_at");
CREATE INDEX IF NOT EXISTS "idx_outbox_mess_status_41b141" ON "outbox_message" ("status", "available_at");
        ALTER TABLE "account" ADD "telegram_blocked_at" TIMESTAMP /* When Telegram said the person blocked the bot. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "account" DROP COLUMN "telegram_blocked_at";
        DROP TABLE IF EXISTS "outbox_message";"""


MODELS_STATE = (
    "eJztXW1z2zYS/isYfWk647jxa1y30xlZVmLd2VLGltu7qzo0REISzhSgI0g7vmv/+wHg+5"
    "tEypREM/iSWCAWJB+AwO6zi8X/WnNqIJPtD6wpJJhBG1PSOgf/axE4R/yPzOt7oAUXi/Cq"
    "KLDh2JQCNFlzzGwL6ja/NoEmQ7zIQEy38MK7V6sNCG8G0AmwZwjYFkLnADr2jFrYfgEj5/"
    "Dgx0PA9BmlJvgBmAhaBJMp0BHhdXmJQ/ATslik8tiCRJ/ti9sbVOf35/U3fid+8T8O0mw6"
    "Rbx1i9/v9z94MSYG+oqY/3PxqE0wMo0YyNgQDchyzX5ZyLIesT/JiuIlxppOTWdOwsqLF/"
    "7YJKiNiS1Kp4ggC9pING9bjgCbOKbp9Y2Pv/ukYRX3ESMyBppAxxRdJqTdBwjLWprWHwy1"
    "u+5Q01qp7vQlIrh7RTolYijwR2Xy7afiEd4fHhx/PD47Oj0+41XkYwYlH/9ybx0C4wpKeP"
    "rD1l/yOrShW0NiHIL6yF8rDWtnBq0uceYS2x5/IN5/KIWxL5tAmT9+EmUf02Uw+wUhzuGX"
    "sD7Qrfb98Gpw2xv+MzKIR+SuczUYXJ97w3hErrvt236v/1nrdPvD2+55MKw1d1iPyH2/92"
    "v39k42FI7wEbm4bfc7V+feGE9+TDmdOodfNRORqT0TPflhSQ/+2r7tXLVv3x1++F60Tfkk"
    "4c4gfe/KobwkOjnsVPG/9viY3a/Z30tEZHvd2Wpt6qtJAFwM4WUQZ2NsOaUxdkUUxoUxRq"
    "Q0xq6IwrgIxjaeo/9SgsqAHJXZIspthuEPbXMO7ZftAH56XADv0+NcuMWlONreA2smJFMH"
    "TkuhniW7RfTdiWsLo7zIGM8f4UnEF7OSgzsQaOD8UbWigeYQm2XADQSaB+5JkcmC18qH9y"
    "Q1XUDDsBBjZRCOiDQO45NCC+DJkgXwJL0APqMx1+RLTRERkcZhvBElw6RTWgZgv3590W19"
    "gfaMG4IGsoCzMCk0WIpJ2RncEwRth88Cacj/djfoZ0MelUnAbmDdBn8CE7MUfVIZ/D9PHK"
    "ILbMHYwaaNCdsXt/1lU4N+CegCI9HynLH/mFGs3920/5Hshs714EJCRpk9tWQrsoGLRJfo"
    "FhKQadBOd8olvyJU6uyOiUsmu8YT3ff/qA/zUkVXDHs33bth++ZLrD8u28OuuHIoS18Spe"
    "9OE30UNAJ+6w2vgPgJ/jXod5PdFtQb/qslngk6NtUIfdb4khrBxC/2i+LaJrQQsbVSVGVM"
    "ZjVjmdGjHiFZlw6tgrMULPDkMZOydPFKA/yJWghPyd/RS4q2TKCaQ9e/LZT/8seRXxo+og"
    "WfA/48Prw4CPzVkS1huOXD/bbX4XALtMdQf3yGlqHlwK7PsMlVyww25sKT/PT3W2QGaH5L"
    "mMfnAGTNMWO8aY0+IcvCRtZKXAa0L0GLA6/BtzvNL8cOkydsSzReCVkvaKipUM3RfIwsNs"
    "OLV0J1EzTUVKj4F8lePaK+yEaaCpFOHYu9dp7qyEaaCtHUos5rv7XPoo0mASQ0B3pIIxpD"
    "TJdIX5ofzpMlkMCpfCVxb3Gn/GUvI+gie3HMD73IWJ6lwOoIDAKgMcfkOwb0GSRTBGwKIL"
    "CoiXiRBzkIm2cAE0AJAtFgj4xwi8qazYit+D0VaSLaleMzaLD1h4rA2GEEht8hRbmxoANr"
    "HHWxJvd4VMT3c5Tv/DlKe3/CUV4C4rhUA4Gu3rE5tSARYKRXR8rHKyTZQEekEiiPudgbhH"
    "kJrBeDwXWMxrroDRP43t9cdG/fHUjYeSXsmun+FBKCHZ3Ty3FNGZJrMU51w33DlFNyEd0u"
    "8VQ3sIsyTxmDLcY/ddp3nfZldxn9tEn1sq1zo0c+fEqn9C8tVSRhpNJK5fGKPnOlzjVEAe"
    "OjRahx56IIMvZMLQNMqCUDbp/ReI+Xm5g8IgMMOVp8lpwDhyFrj+t8YEztjKDdDbSvQnXr"
    "pSiadIpLqTGBwFoaTJJ63S22MfXloJDT9GCJ0/Qg7TT1PxRtBtmslLaYFKwE7l0vqFuIPP"
    "SmHk1MPZlqzAWe5s4aWdKVOM/qMIf8eHh4dPTx8MPR6dnJ8cePJ2cfgskkfWnZrHLR+ywm"
    "llinpPXJAMuxSfXHtbzUOU1U4K7ezofR+m2GSLgaMogNuVp6K6r3VrKIL5AFQz2a5NleJ2"
    "L11ZGq9Z4Uqw1UVREi38h3xGxNamZr9HRK+M3Mr99kX7uLR8looKhMNdxMHTSaapmZMoRB"
    "sjvSfTEgaEj5PwXZm/UdwTvtiMLxQtEBWCRe6FUkTCROI4OHiUdx5FMxOF6vwGZqStB7MU"
    "ECXex1tmfQlowIC0kU6YUj6Bl4PA9494zGklp57ywEURIoiz/wEWPZ32ftpN7UbRQ3Uy9u"
    "RnRvGc3Yr1+Nb6lG1Ez1LjylF38TuhL6usC8uTW6OS6purnW3eywtT7liJgyeercvxZ6ou"
    "sxiHFJ1ct17mUVgLAZBbN21EEDUFVhHVsO6whpgvSArgDlxsXhJ/EtTcBsLWImslMkg6yJ"
    "7yPJJ2vm8XoFyBoXke+YDIoW4c+QxKOfQdvSZ/gJGXuAoCdkARczI4uSeV1jmTHW4djOjL"
    "ZW8dX1jK9eneHuLcRat9qXN73+ubuJYERu2v325+7tOXC/YmtEht1250qU2AjqM1FyN7y/"
    "7PaH54DZjoGIPSJf2reywN0sOiLtTmdw3x+2RZlHTEJZ7+6fnavB9eBz707UZi/6jAp/FO"
    "PXOryN7q0mBO+619cDfkedN4csTcgzZJqU37tzf9seymsOx06UXHXbl9rgk3bZ5U8xvJHP"
    "MUOQz1UTDgJ/InvuPpOfyY9X/tTriDcKMvrxuhOsI6uYX37TlJUkarkpk7XeCSMo+4OOSy"
    "0zgOoz+KqwfoRFk8x7483Aa5iRCVFlRyo78i19J8qOrCuqyzJSKNumQtsmb4JQFnr1Fvpu"
    "7MgvUsu8xuSxlbWhN7y6t3Qjr5vYxPQrrjIk82HONuqCNDMy84my4nbrYBd9UG4Zi4qoVS"
    "xLN9hJsqomorpMN6gqW1XzdYMCiapigSFyWlbArgQ2OhHWSw9wkc9O6sFWBf2FWncRDnnm"
    "zAXRS4CFdGoZ++ACmZRMmQjAE7s6ojqTG6jnVnQ3fcyzmOQqmiyUswNjlaRjx3svReC9/J"
    "HCdtn2l4hQnSnkNWP9NrINc4KtNaCOSymsi2E9x4ZhotJgJ8Tqm6S5TliPsWXPNJ+9L+oT"
    "iEu90ifwdojsDJcAfzfD9e+s48gLpWu8D7H1qXvTvu7yxoQbT/wxX8efdVBk8OYP3eTAxe"
    "WSDuAKUw7UawYu4iY8yHcTHnwTR5O0uvsHp8frDFt1OslbO52ED0e71LEOgUDz8N3I8WfU"
    "zsrIOkRfc6y5QKAB+C5zc3f/IVNa5B/QEHi5rwf9z3715KkNiZgNJCIHNJuDWwbyhFh9gW"
    "91IEPvJ9QU9IN4abYHer3+HpCLSgUJLTbRKWrv11pdocJAlFNCBb7X0q2ujjpQRx1s9KiD"
    "MCjitecdxMIwmoiVf6KNQqsIWohY1BSR2K9Equu301SgZJi9ODq+gmElz4sYunH7TcKrlF"
    "c5EhceptzNxtRP5bMa2UiK37fFSi7FtITz3TusJcP5Hh7jku9818M6lcbdKS/3Dr3c4n/t"
    "8bEMpRcRqS/3UStSTwDmnqVeCmNXRGFcGOOskwpXYIy2fN7HW8aYOeN/Iz1jKc7HOCLSOI"
    "w3EjNgoidUyoEVCDQO35NiJ78vOfhd5RVT3LLilhW3XA9rbW+j3LI6qnLLR1WGpFaGPR1j"
    "vPJNahSrViCk3cveIHOYANnl++AawSeODmDIZuDhARGDaZQ8PPwkI9It+syl4AsDkIEZZj"
    "a1XrIi2ytqeURGvAJ/C/zEjUT08vAAsJAdtX6Wjf5y/rN3p19GLX7xeYZNJJsLsBACbgMA"
    "EgP076+vAZzYyALYHhHxEHuAueH2wqwdQ4b4FYbMCbDQxGFIpNpliI8Gw28nbPudaI55WV"
    "74xG9iA6n8unVkJmRuDLZOQg2m8mmIqcUoC15E5FsOOw4nrzJ2WFyqacdvHRexxY7zbbFj"
    "ZYt9m7aYXPTLGWFREWV9ZWzi9hSocqjGhRSuq63aqW8NvdKcbZpVtZewY6Pfa4E93N5ArA"
    "DYxu/ijn+ztdrH7Q7qDMs3GO35Vq94rRct+LyK2L06nVHLdndUC3HMjTxKxBkrwicNfKMt"
    "y7AtI1poa7Z8YbU3e9de67Kuvu36SLammW/EC6XDBdSxnWEA5afeiYgo7SJTa9sxn/GmjX"
    "JFZ6yLHB9CtpPhGCi2izqU3qJ/2eVSSnqZW+3OsPdr99zjfEfkU6/fu7vqXvJbYL5+z5Ax"
    "ImLO45V4mZ80NqkxFJtzC025S2bcVKoAB5uGeIASi1pUpnHO/40saxal8zII+/Ubh64Kra"
    "jHdP3m6DzXaCqZlDEqo1TDDNVQBayogJXdT1AbOgUo3DbwSpTDPQoNxTc2Ub4iFEht2yqz"
    "bQtZatfWbiKoYpjlUckRTPMZZdcFYUeqVpwZPCCr/Xso/neX/K/yKlevhPqTYSlU40IKV+"
    "VV3rhXudO+67Qvu62swaucyquBjX+ytXIqtx0D21cIxlfQ1MWlqgAU1bSZX2+lb3k4Q4Bx"
    "XE03oNl1EyMLQxPLSOLFQvgRZCSyhbysJDL2WJ9xkL/jf+NF2u1cWasqKrlemodM8D2DbF"
    "aGR44JNdAHfVok0+RpfqLJ01SeybycD3i6jGYkWRTyBrWQD5sdxD8eHh4dfTz8cHR6dnL8"
    "8ePJ2YdgNKcvLRvWF73PYmTH0M9RVHY48d/KkxJyp37vcoHJ3wprrg4tIt5k/J4S88U7rQ"
    "HQCYBiKiZT9BN4eBCf7sODOzczgG3/tAev9hhNuJbByzPCjypvvuIFYdkX1bA1YQuf07KV"
    "Y41zTZVHrP4esd37bmoWnVI1L8Gnb2pp6xxqmiGpAM4DmL9sucQTCTEVI5FQatMxEiIwKc"
    "vfuHxTWabXQVkNWVYDlclmXJBKoJwQayDU1Z9372GWNR+vBDpzKm4CzNWPaFf3T2P8t7tB"
    "PycqMJBIKo5Yt8GfwMTsDa55S3AVUMSUxVQW+mTC+YQWKBpIZqGX+QbKwB4IKNTXR31hoa"
    "fS5FpMSE0qBSaVsghXC26NdrVXA21NOLSBY4/p1xvEGJQGQopFi1fYW8ajUVlVm0fqrmTS"
    "7ugc2SIJMtAFXTV3mA1sZJoAAtcE+wnw++AnZL2AZ2o9Co8HQ8QQhJfrB5Fsl0t8Md7raT"
    "at+lu46Wq893Rz1UACHh76Gv/BRW1EdMRHKCTMFGMc8IEUkHN4gXmN7xgwIZk6vAEA7eAB"
    "RuTdw0Mg+PDw/R6gFhCHxgh6Tz4VlGQfv+U7yQbawHuO7/f5ExjIcBZ+Cp05fBReIyLS3/"
    "CvyEEAG2i+oPzx7HP5OIz3tXAlic/KEm26GW5kZf7Gz1hHBenD3yN7PuATxPJDFtHZfyhi"
    "sZbEomKgNkyQrMM9vZ51KqCVvD3HavQkBkhIOcYpIrJFtokvMGhqwfl2WKeD0yLbnpKEd2"
    "TX02nKhKSlMvZ61bcI8By654e+RXAjGlIc4Pzj4yIijbBWljlzNnFA3ALyjzEjWjvfNg8l"
    "XmWcrze6f544RLK4QOzXtDFh++K2v2xqxG/bZg9U3AwVkFITQZITORqVS/TLmAtuqkP8NX"
    "O70F8MBtcx6C96yaF+f3PR9U9p5pWwHVP/QsBDw6DMtB6Xalp6uoPDsyIz++HZkqOaz1Lp"
    "7t/exnkRaeLtCC+zc/5Lt3/Z638+B578iNz5JSxSMpQ/7RH51O5dy3313DoUu+rv+7fdNs"
    "fxQhxg7hBLRJjK91irKwv1ZIkzt6Ftc1s5azNUvuc4ItKYcLLqHMZRViAF6oqYloTsdqJb"
    "tjkzNSm4RTch7wNDc4iddaz6io39SeEK+rpmTEOT+loGKSPLohl+rxWhzYFU44JAjgqlIT"
    "lakobkKJ2GhJuGyCLQLOk9T4jVF2tu/LqUiU9oA7xWmp0NhJWrLCXfwlQmtNQ1+jgippaq"
    "uvVvTbysbWRhfdbK2qTgXtlbuj8hrKOO0NzWyN/0lrAnZLGScZ0RkUZwwInDB09OCizcvF"
    "b+4YPiWsLoXGTsml4SOetWbyC6m0n4SkWoQ8aKmc+qR0S2T6u/8aC3nS5mf/0f5vAMbA=="
)
