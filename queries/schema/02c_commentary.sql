-- Commentary: the evaluative text an office writes (DESIGN §4), imported like figures. Every import
-- is a batch of kind 'commentary'; a later row for the same key is a revision: earlier rows stay, and
-- the text in force is the newest row from a batch that is still applied (the models
-- target_commentary_current and plan_commentary_current, like obs_current for figures), so a rollback
-- brings back what was there before. A row whose every text is blank clears the key's text.

-- per target, area and year: the cause of the outcome (原因分析) and the measures planned (下一步措施)
create table target_commentary (
    seq           bigint primary key,       -- insertion order; the newest applied row wins
    indicator_id  varchar not null,
    area_code     varchar not null,
    year          integer not null,
    cause_zh      varchar,
    cause_en      varchar,
    measures_zh   varchar,
    measures_en   varchar,
    batch_id      varchar not null
);

-- per plan and year: the sections of an evaluation, 总体评价 / 主要成效 / 存在问题 / 下一步建议
create table plan_commentary (
    seq       bigint primary key,           -- insertion order; the newest applied row wins
    plan_id   varchar not null,
    year      integer not null,
    section   varchar not null check (section in ('overall', 'achievements', 'problems', 'next_steps')),
    text_zh   varchar,
    text_en   varchar,
    batch_id  varchar not null
);
