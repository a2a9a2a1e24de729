from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "api_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE RESTRICT
) /* A bearer token for API clients. Only its SHA-256 is stored. */;
        CREATE TABLE IF NOT EXISTS "chat_preference" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "telegram_bridge" INT NOT NULL,
    "person_id" INT NOT NULL UNIQUE REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A person's chat settings; ``telegram_bridge``: group messages reach them in Telegram. */;
        CREATE TABLE IF NOT EXISTS "conversation" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(10) NOT NULL /* GROUP: group\nDIRECT: direct\nCHANNEL: channel\nSUPPORT: support */,
    "title" VARCHAR(200) NOT NULL,
    "direct_key" VARCHAR(40) UNIQUE /* '<person>:<person>', lower id first. */,
    "poster_roles" JSON NOT NULL /* Channels: the roles that may post. */,
    "audience_roles" JSON NOT NULL /* Channels: the roles that read it. */,
    "last_seq" BIGINT NOT NULL,
    "created_by_id" INT,
    "created_at" TIMESTAMP NOT NULL,
    "group_id" INT REFERENCES "study_group" ("id") ON DELETE RESTRICT,
    "organisation_id" INT NOT NULL REFERENCES "organisation" ("id") ON DELETE RESTRICT
) /* A chat. ``last_seq`` is the sequence number of its newest message. */;
        CREATE TABLE IF NOT EXISTS "conversation_member" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "can_post" INT NOT NULL,
    "read_seq" BIGINT NOT NULL,
    "joined_at" TIMESTAMP NOT NULL,
    "left_at" TIMESTAMP,
    "left_seq" BIGINT,
    "conversation_id" INT NOT NULL REFERENCES "conversation" ("id") ON DELETE RESTRICT,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_conversatio_convers_73bc1e" UNIQUE ("conversation_id", "person_id")
) /* A person in a conversation. */;
CREATE INDEX IF NOT EXISTS "idx_conversatio_person__11336a" ON "conversation_member" ("person_id", "left_at");
        CREATE TABLE IF NOT EXISTS "chat_message" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "seq" BIGINT NOT NULL,
    "text" TEXT NOT NULL,
    "reply_to_id" BIGINT,
    "mentions" JSON NOT NULL,
    "has_file" INT NOT NULL,
    "client_id" VARCHAR(64),
    "source" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "edited_at" TIMESTAMP,
    "hidden_at" TIMESTAMP,
    "hidden_by_id" INT,
    "hidden_reason" VARCHAR(300) NOT NULL,
    "author_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "conversation_id" INT NOT NULL REFERENCES "conversation" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_chat_messag_convers_282787" UNIQUE ("conversation_id", "seq"),
    CONSTRAINT "uid_chat_messag_convers_a37620" UNIQUE ("conversation_id", "author_id", "client_id")
) /* One post. ``seq`` is its number in the conversation, dense and increasing. */;
        CREATE TABLE IF NOT EXISTS "chat_attachment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "storage_key" VARCHAR(100) NOT NULL,
    "filename" VARCHAR(200) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "conversation_id" INT NOT NULL REFERENCES "conversation" ("id") ON DELETE RESTRICT,
    "message_id" BIGINT REFERENCES "chat_message" ("id") ON DELETE RESTRICT,
    "uploader_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
) /* A file uploaded into a conversation; bound to a message when the message is sent. */;
        CREATE TABLE IF NOT EXISTS "chat_message_revision" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "text" TEXT NOT NULL,
    "written_at" TIMESTAMP NOT NULL /* When this text was posted or last edited. */,
    "replaced_at" TIMESTAMP NOT NULL,
    "editor_id" INT NOT NULL,
    "message_id" BIGINT NOT NULL REFERENCES "chat_message" ("id") ON DELETE RESTRICT
) /* A text the message had before an edit, with who replaced it and when. */;
CREATE TRIGGER "chat_message_permanent" BEFORE DELETE ON "chat_message"
BEGIN SELECT RAISE(ABORT, 'chat messages are permanent'); END;
CREATE TRIGGER "chat_message_revision_permanent" BEFORE DELETE ON "chat_message_revision"
BEGIN SELECT RAISE(ABORT, 'chat message revisions are permanent'); END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "chat_message";
        DROP TABLE IF EXISTS "chat_preference";
        DROP TABLE IF EXISTS "chat_attachment";
        DROP TABLE IF EXISTS "conversation_member";
        DROP TABLE IF EXISTS "api_token";
        DROP TABLE IF EXISTS "conversation";
        DROP TABLE IF EXISTS "chat_message_revision";"""


MODELS_STATE = (
    "eJztXe134jbW/1d0+DLT82Smk9eZpj09hzDMhN0EchKm3d3S4whbgDZGppYJze72f38k+d"
    "2WwQYDxtGXdmLryuZ3Zem+3/82ppaBTPq+Z48hwRQ62CKNS/DfBoFTxP4hvX8EGnA2C+/y"
    "Cw4cmoLASo4cUseGusPujaBJEbtkIKrbeOY9q9EEhE0DrBFwJgg4NkKXAM6diWVj5wUM5i"
    "fHP5wAqk8sywTfAxNBm2AyBjoibCy7Mif4Gdk0MnhoQ6JP3vPHG5bOns/Gb/1J7OYfc6Q5"
    "1hix2W32vN9+Z5cxMdCfiPp/zp60EUamEQMZG3wCcV1zXmbiWoc4X8RA/iOGmm6Z8ykJB8"
    "9e2GuTYDQmDr86RgTZ0EF8eseec7DJ3DQ93vj4u28aDnFfMUJjoBGcm5xlnNp9gfBaQ9O6"
    "vb720O5rWiPFTp8igrt3SbcIXwrsVan49WP+Cu9Ojs8+nn06vTj7xIaI1wyufPzLfXQIjE"
    "so4On2G3+J+9CB7giBcQjqE/tZaVhbE2i3yXwqsO2wF2L8QymMfdoEyuz1kyj7mC6D2b8Q"
    "4hx+CesD3Wh+61/37jv9f0YW8YA8tK57vZtLbxkPyE27ed/tdL9qrXa3f9++DJa15i7rAf"
    "nW7fzSvn8QE4UrfECu7pvd1vWlt8aTH1MGU6fwT81EZOxMOCc/LOHgL8371nXz/u3Jh+/4"
    "3BbbJNwdpOvdORG3OJNDpvL/a09Pcr7Kv5cIye7Y2Whs66tJAJwP4WUQyzG254UxdkkUxr"
    "kxRqQwxi6JwjgPxg6eov9YBBUBOUqzQ5SbFMPvm+YUOi+7AfziLAfeF2eZcPNbcbS9F9ZM"
    "SMZzOC6Euox2h+i7G9cOVnmeNZ69wpOIzyYFF3dAUMP9o2xBA00hNouAGxDUD9zzPJsFG5"
    "UN73lqu4CGYSNKiyAcIakdxue5DsDzJQfgefoAXKAhk+QLbRERktphvBUhw7TGVhGA/fHV"
    "RbdxB50JUwQNZIP5zLSgQVOWlL3BPULQmbNdIA353x56XTnkUZoE7AbWHfA/YGKaMp+UBv"
    "9PoznRObZgOMemgwl9zx/787YW/RLQOUZ85imlf5hRrN/eNv+RZEPrpnclILOoM7bFLGKC"
    "qwRLdBtxyDTopJnymd3hIrWcMXHKJGs80vf+P6pjeSmDFf3Obfuh37y9i/Hjc7Pf5ndOxN"
    "WXxNW3FwkeBZOAXzv9a8D/BP/qddtJtgXj+v9q8HeCc8fSiLXQ2JEawcS/7F+KS5vQRsTR"
    "CpkqYzSrLZYSjnoGyaowtAybJbcCj56kJksXrzTAXywb4TH5O3pJmS0TqGaY6w8L5b/8de"
    "RfDV/RhovAfh5fXgwE9tORI2C4Z8v9vtNicHO0h1B/WkDb0DJg1yfYZKKlxBpz5VF++fs9"
    "MgM0XxPm8T0A2VNMKZtas56RbWNDdhIXAe0umLHnTXi42/xy7DB5xo5AY0PIOsFEdYVqiq"
    "ZDZNMJnm0I1W0wUV2hYl8k3XhF3YlJ6gqRbs1tuuk+1RKT1BWisW3NN/3WvvI56goQu8vd"
    "omVs363IVHWCiwta1okVEbBiolf61vRkmrwCCRyLn8SfzZ+ULSVIYlTkskR2pIpEmhEEqw"
    "NWCIDGFJM3FOgTSMYIOBaAwLZMxC55kINwegowARZBIBobI4lOKW1aSSjKb6nAHD6vWKbB"
    "hI3fVcDKHgNWfIbkNSUGDKxwkMqaptrTPK6y02xf2WnaWRau8gIQx6lqCHT5fuCxDQkHI3"
    "1IWmy9QiIHOkKVQHnIyA4Q5iWwXvV6NzGr31Wnn8D32+1V+/7tsYCdDcKuVcPfQkKwo3t6"
    "MdOchHItA13VcN+yhS55iO7WTlc1sPMa6iSLLWauazUfWs3P7WXWum2Kl02d6Yji5VMypX"
    "9rqSAJI4NWCo/X1oIJda7eDihbLVyMu+SXIKULyzbAyLJFfPICDY/YdROTJ2SAPkOL7ZJT"
    "MKfIPmIyHxhajiTGeQvzq8jmagmKpjXGhcSYgGAtCSZpqd4vtjHx5TiXj/l4iY/5OO1j9j"
    "8UbQLppJC0mCQsBe59H6g7CNT0th6Nbz1SMeYKjzN3DRl1Kb7GKuwhP5ycnJ5+PPlwevHp"
    "/Ozjx/NPH4LNJH1r2a5y1fnKN5YYU9LyZIDl0LT0p7Wc+hlTlODd382H0fh1gkh4GlKIDX"
    "Faeieq96vEJXZA5oyMqVMgwDoBvhsH9lZ7Uyw3rlcF1LyS74g6mpDM1uB0ivhg9tdXyWv3"
    "8CgYPBWlKcc2UwWJplzLTJ7wHjjDTHd9Qpt67poz3OfTHO6+mcdrl1y0acx6BPUt9p+cNq"
    "71owv2ulxzB6FFP9M8QWgbmaoiwT8Sa1U8NCjbYIXj43Jk6FsEvePHCNB5Ar0zgY6wG9HQ"
    "1CR8lQQtgGcNA28XaCgMUO/mM25OCkTq79mKsZ3vZOn523qMsmBVy4LF2VtEf/DHl+OBq5"
    "ABq3xHp9IeXoVEif6cYTbdGmyOUyo2V5rNc7rWpxwhU4phlflro2drPTtrnFJxucpcVmEa"
    "2xEwK2dgqQGqKvhlx8EvoZkgvaBLQLl2yR1JfAsbYHYWVxRJP5IYa+LJSdnGmml8XA5jjY"
    "vIGypCx3mQOCTxGHHQtPUJfkbGESDoGdnAxcyQmWQ2m0waiR6ubWlMuopCr2YU+uqyiYcQ"
    "kd5ofr7tdC/dVIsBuW12m1/b95fA/YrtAem3m61rfsVBUJ/wKw/9b5/b3f4loM7cQMQZkL"
    "vmvbjgZiAPSLPV6n3r9pv8mmeYhGLcwz9b172b3tfOAx9NX/SJxb12lN1rsTna9xonfGjf"
    "3PTYE3U2HbI1Tk+RaVrs2a1v982+uDdn2PEr1+3mZ633RfvcZm/RvxXvMUGQ7VUjBgJ7I2"
    "fqvpNfHpIN/tJp8V8UlIlkY0dYR3bye9+PyUoYapkqIzvvuBIk/6DjVMsUoOosvjK0H67R"
    "JIspeTvwGmpkglTpkUqPPKTvROmRVUV1WZkTpduUqNtkbRBKQy9fQ9+PHnknpMwbTJ4asr"
    "Tn8O7R0nRnt1qO6Q9cpUhmwyxX6oLaRaKcjtLi9utg5zwodoxFSdQpJpMN9lIBrY6oLpMN"
    "yiqBVn/ZIEf1s1hgiNiWFbArgY1uhNWSA1zk5aVP6Kqgv1DqzmNDnsyn3NBLgI10yzbegy"
    "tkWmRMeQAez32JykxuoJ470E2NmcosyWVMmauyCcaqlMmeM1R5eoL4I4XtsiShCFGVTchr"
    "xvptJVl1hO01oI5TKazzYT3FhmGiwmAnyKpb+btKWA+x7Uw033qf1ycQp9rQJ3A4hmyJS4"
    "D9NsP176zjyAupK5yt2fjSvm3etNlk3I3H/zFdx591nGfxZi/d5MLFxUoz4BILM1RrB87j"
    "JjzOdhMev4p+N432++OLs3WWrWp5s82M7m20vGHL0SnUKyQgqB++W+mpZzmyMr999GeGNh"
    "cQ1ADfZW7u9j9E4Y/srh+Bl/um1/3qD0+2AknEbCAeOaA5DNwikCfIqgt8owUpejeyTG5+"
    "4D+aHoFOp3sExKFSQtmPbTBF5X6txQoVBqKcEirwvZJuddU/Q/XP2Gr/jDAoYtMmGrEwjD"
    "pi5bdJUmjlQQsR2zJ5JPaGSLX9eeoKlAizZ7OUsaxEE5K+G7dfV7yg47DfV8LKagYT1RWq"
    "aNsWrbRTMdrBxT0h64of03opHG/aO+nWnaVOIBWK8oh8umGhcDmcfmmtHB9vONVheQlyih"
    "rQ0WY2GiEmJugSo39xwFpsyrvYjDXBrWAQkdfJTBJEFPY4yw4i0sMxpcYPq2idPUbr8P9r"
    "T09FXBMRkuracCvlnOCA2fPCGLskCuPcGMva+K7AGO24u9MhY0znw38jXSLCZGMcIakdxl"
    "uJfTLRMyrkiA8IaofveR54z7PRPU+Bq3xkmdArH1kGpfKRKR/ZIfjIVB/nHTcmDo3zEn06"
    "ZrnPVqlRbFiO1ByvCo2oxQQEy9+DGwSfGTqAIoeCx0dEDKpZ5PHxR5FZY1sLRgVfKIAUTD"
    "B1LPtFlqFT0swDMmAD2K/Az0xJRC+PjwBz2kHjJzHpz5c/eU/6edBgNxcTbCIxXYAFJ3An"
    "AJAYoPvt5gbAkYNsgJ0B4S9xBKibNsTV2iGkiN2hyBwBG43mFPGS4RSx1WD484Rzv+XTUa"
    "9aFdv4TWwgVSe8ipYJUeOHrlMYiKq6QHxrMYqCFyF5zekT4eZVRA+LU9Wt2eJZHl3sLFsX"
    "O1O62OvUxcShX0wJi5Io7UtSjMIToIqhGidSuK7Wase+NrShOls3reooocdGv9cctSi8hV"
    "gCsLWvRhH/ZitVj8Jd1BLNN1jt2Vov/1kvWvB55dF7dWti2Y5bGYKTY6bkWYT3iuI+aeAr"
    "bTLFtghprhIT4gerGhP79loXdfXt1keyM8l8K14oHc6gjh2JApRdQixCoqQLqdS2Z3vGQS"
    "vlypyxLnJsCTlziWMgXzWIkHqH/mXXllLQy9xotvqdX9qXns13QL50up2H6/Zn9gjMzu8J"
    "MgaE73lsELvmF79OSgz59txcW+6SHTdV8mSOTYO/QIFDLUpTO+f/Vo4127KmRRD2x9cOXR"
    "VaUY3t+uDMea7SVLC4bJRGiYYS0VAFrKiAlf1vUFvqZhamDWyIcpijUFN8YxvlBqFAKv20"
    "SPopslX2afGUyhLzKA9WAd9tvFlshWUZ3iMrMNv+7jpsnMjQkvtBBKZ9/xnKWr5Pa7nywZ"
    "cvsvtHRyFU40QKV+WD37oPvtV8aDU/txuyxatc8KuBjX+ylXLBN+cGdq4RjJ+gqZtLRQHI"
    "h2kTf9xKT3x/ggBluJpu+LfrVEc2hiYWcdezGfe6iLhtG3lVN0Sktj5hIL9h/8aztJO+tF"
    "lVDHe1JA/R1mEC6aSI1T1GVEOP/UWe+sIX2eWFL1LVhbMqi+DxMqMskRnctyiFfNjuIv7h"
    "5OT09OPJh9OLT+dnHz+ef/oQrOb0rWXL+qrzla/sGPoZgsoeN/570R8nc+v3bufY/O1w5O"
    "pALOJtxu8sYr54PXqANQKQb8VkjH4Ej4/80318dPdmCrDj9/jxRg/RiEkZ7LokWKv06Us+"
    "EJZ9UTU7E3bwOS07OdboZq38h9X3H+7f01UxU2LZdgm2fVu2tk4rawmlAjgLYPZji5XpSJ"
    "CpiJKEUJuOKOFhXDLv7PIUPKnTQWkNMq3BEqV5XJAKoJwgqyHUp3naF51mty86TbUv8jCT"
    "7ccrgZZuxXWAufwV7cr+aYz/9tDrZsRQBhRJwRHrDvgfMDE9wDNvCa4cipiwmOo9kmwzkp"
    "AC+QTJ3iOiOkMR2AMChfr6qM9s9FzYuBYjUptKjk2lKMLlgluhGgDlQFsRG1pv7gytP/3y"
    "1BIrWnzA0TI7miWGatPI2JWWtAdrihxe+h7o3Fw1nVMHOMg0AQSuCvYjYM/Bz8h+AQvLfu"
    "IeD4qIwQ1erh9EWLtcwxdlXE9b08p/hFvcx/udbmUfSMDjY1djfzBSh5dXZisUEmryNQ7Y"
    "QgqMc3iG2Yg3FJiQjOdsAgCd4AUG5O3jY0D4+PjdEbBswFuFcfOeeCsojH3skW+FNdAB3n"
    "t89569gYGM+cwvODSFT9xrRHixIPYVzRHABprOLPZ6zqV4Hcp4zV1J/LOy+ZxuPSAxmP3i"
    "BdZRTvPhb5EMGfgMsfiQeSz778qwWEnDorJAbdlAso7taXOrUw6p5PAcq7Gi+IQUszhFSH"
    "ZobWIHDBrbcLobq9PxRZ4ksaTBO5IjdpFSIa1C9Y294TsEeArdrtGHCG5EQooDnN00NEJS"
    "C21lmTNnG21BZ5B9jJJg7WzdPKTYSDlfb3X/NJoTYcUFPLvVwYS+54/9eVsrftc6eyDiSk"
    "RAyzIRJBmRo1G6BF+GjHBbDPHPzN1Cf9Xr3cSgv+okl/q326s2230EH9gg7MTEvxDwUDEo"
    "sq3HqepWzO/45FOenf3kU/bWzu8dfJkBHmni5c8XqTNw1+5+7nS/XgKPfkAe/Cs0cqUv/n"
    "QG5EuzcyOqEDDtkNcg+Na9bzcZjlc37UswJzaPMBW/Yy1W5uLkEkam3G6Ow3RlWepYtuc4"
    "QlKbcLLyHMZRq0AK1BUxLQna3US37HJnqlNwi25CxgNDmxMHS1S1FWUQksQl8LpiloY68V"
    "oEKSPbtiR+rxWhzQFV7YJATnMVbTldUrTlNF20hamGyCbQLOg9T5BVF2um/LomE9+gDfBa"
    "RYm2EFauarq8hq2MS6lr8DhCpo6qqvG3Il7W5gz3rSdEGrI0Bf/e0dIchRnWnGBYjkqxQw"
    "RtZANBA0aWDZp3HaCb3PdI34MezyvADgUP1813J+cX3PfHG5cgQ1Y6dqO5VC5atXLRql8z"
    "9pBL64lvpHA0UpxKRcwokez1Htkp7XJO12J0klYJZ1XmtI2e2R64Dp/jlIrLVeYy1EW+dd"
    "GErCiRqhazulqMh1ga48J1TZrhTAcGcd7CJvHVVa3CJo4D9UlWa83I3aNlmiOPEWWbY2xw"
    "Dv1xxPtRzmemBQ0/gBWCaOW7H8GQAWcAccM32S0mTEPkkaWBDU/E0spy3LfxBJXmfqDRqN"
    "xewJhZND4hQVaLyKgdKKn8yytqBojS1BDnk1w4nyzB+UTSPsbiqQDFU0uTdDXEeyvrmuL/"
    "SHDObgXoDVcipSzSWllYXoNGFpW3irYzSFGqD0nyIXlyqhTcZQJmnK5GGTY7ETVD/D0No2"
    "CJ2gSVWtmrrQ56opb5hqaHgqXRqwZ2XvuDZBvN0UzCX54l4Fz70rWJTzkHupn5OYXBjeRN"
    "H9ZenRfc+ClVKfMZ06+cOxuNkM3TsRsSE1pixNFKM9osPjiHGc3N6HxD3VRtihyHoU55/U"
    "Y/Q1Ab2tjgaeSXQFSv9g1bFIiIeG7rmgJMgB8eJzOlbekpKnSjWqEbCWZK5MmluVNp6h1m"
    "UAVXDjaFqiIJ3Qe/wjeKyUuyI82LHkF9i/1n6+LPXhmR93yOLcA8x/NmR25UZpcduAmZfs"
    "lxmxyZ46zlhx8vgiIiPyj6w63MIuqcIMYyXpOFzHnRfF5KmQcsErRANCigIjtYN52SV4pp"
    "Bq4qRxRkCWcD/weO2YyLCfeEiTr+kV8tWgCwh5mW/oSMI0Ct4JkD4j6UAmgjYCBCkahUM7"
    "JMkxHp1nSKHWDZvKjLAvPaN8Ai8dnV+V7B8/2J/Sy5n2B15qhPW2VfQePrfe/bnSeBDsjn"
    "zn271b8EBraR7gxI67rZ7bZvLoFXsmNAHr7d3fXueQbpfDazbCf5hebzNORyNBRoUu1gxy"
    "zkzwkIahdDuxW3mbseCueqx6gqm6veePOTeyb/fOn/480R2+QXvAAX28KxTdPREnlYcZaH"
    "E2fZjDhL8YH7GpCt2UynKFY5I0FXjfoZ/HlF62fw5cZ3IuqWSxO/yG3LM4UvgP/OnKzadX"
    "0N3tKCSwrFmZemrCP7bAQNWeuNanDPlw+LOYyiVLUpP7BjZ5Hvux6+FHSGJulq5K9TIQUq"
    "pKBISME+2qzW/MvZf7HOqn0wW/ZlR2ErwQ3YS0x3YGDnNTZKFlsOb+uue9tWqiJZXmgzG9"
    "vm8bLGqlp5eQAbNq6PZx/UZD0nggCEiXUzmKIG71sxYX3hcv3Jm+GVP17iYEDaaohDenmt"
    "8LqEizCf70WbhgS5wx14IAFMuxukQQuSsdxpcoPgMy/Z/4TQjHra++KS+07QKOGJ4Xpv6G"
    "JhF0aWPUU2cN9cWGqog01TKP1HA8I9JWzYC9AhAcQCpkXGbFxgzZF4RX5L+aM87+PvCX/J"
    "bxG3pHjTwhXwlRNlQycK46rGeSnZiJZFR0TJVGHZ/FER/KMqbquKUilb1Xq2qn9bmKxlTY"
    "kRKmNKpY0p/iFSkMURMlURofL8LW7qj1DVyF62a2O/yn16rT1wDg5VlXdTibybrKBTlXWT"
    "xLdw4OnO8kKWNDvM1eZQZIIUanLYI8g1L4DHx8B0IaJF3dhRTFLRn0eRsE5MuP+TMq6kzS"
    "jlTe02NXSrejK2RSNdeXfANzTsHqi/gCf0cgkgb4goehLyPrbsT8O2ZjNk8McR5AZwjNg6"
    "pQMiJhJFQcPCLWwF8TAMayR+Abf2YGd508G0HYYLQYzb6RtM6pq45cWDn5Sy1qhiMNUsBl"
    "NUHN65IaEmLIhmFv0p0TGz25H546scbVyKPrmNXmQ2mpkvbF8rXBIgQag0v3WXO/dbshct"
    "FBgZpTnckMgyPoqtxDxOINV4jamCZvsomcpmLGC3D6WiFOBLClNFiUoJsd/39rPlOtXUmt"
    "t6oVyRkGKHySILNNzWPrLtXqoqqHQtuebQ7OTIwOtxOUaofCFV5vEEGwYia/A4Rqh4fAA8"
    "LppfkSSrkepTmrPFw4jb82Qm6myRI0VYuzTVrTTkcy2MBWvZR2nqZK8qL0lIOWWV+3DvZ+"
    "2W3IehU0K5D5fjG9soDy7hoWKSRq4Afhs9Yyo3iq4RwX/vzVajJbrVSP4kbNnO6Siy+ZzU"
    "mh0lyRHFz707sR4bE2iAIRqxXQpAArhKfSQKC4HFxALcKwF13sLDET5l3qFDFu9f0qyqx0"
    "elnSzLqhcqH+POfIwLGzvOWsaUOOXhmEUbv7qdgXjUCt9pFpCKuBK2hVi2myTk2gI3L/px"
    "cFYXfzNdq71ejPRw1sOrNK/xFV7UJhGjURpztVo4VBTaHYgSS0wW+6jPXjVG5FWkK1ygvY"
    "lsrE8aElXHu7NUw4HhmFUqTTaoqgJqtZJ3uU1NaofM9l5ESGqhKSQKbJ6f5/BcsFHZBTb5"
    "vYTnYiapt5KNsDe8huhupQud170vjXB2bGGEZPehhfsRrUsLIkzJCbs8zP76f4jqudQ="
)
