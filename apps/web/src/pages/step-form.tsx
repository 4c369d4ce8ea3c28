import { type FormEvent, type ReactNode, useState } from 'react';
import { newIdempotencyKey } from '../api/client';
import { ActionNote, useAction } from '../ui';
import { type PendingPhoto, PhotoPicker } from './demands/photos';

/*
 * The form of one step of a demand or a whistle (签收, 办结, 报到, 反馈, 评价 …): the step's own
 * fields, its written text, its photos, the error line and the buttons. A step supplies how it is
 * written (its route), its words, its fields and its request body. Each form holds one
 * Idempotency-Key: a double tap or a retry writes once. Pages remount forms after every change
 * (keyed by the version), so the next round's write gets a key of its own.
 */

/** Sends a step's request with the form's Idempotency-Key. */
export type StepWrite = (body: unknown, idempotencyKey: string) => Promise<unknown>;

/** A step's write with the form's key: pending, its error, and `send`, which calls `onDone`. */
export function useStepWrite(write: StepWrite) {
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const send = (body: unknown, done: string, onDone: (m: string) => void) =>
    action.run(async () => {
      await write(body, key);
      onDone(done);
    });
  return { action, send };
}

/** A step behind its button, which opens its form (the page's first step: the primary button). */
export function Opening(props: {
  label: string;
  first: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button
        type="button"
        className={props.first ? 'button primary big wide' : 'button secondary big wide'}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
    );
  return <div className="step-form">{props.children(() => setOpen(false))}</div>;
}

/** The step's written text (a reason, a note, a comment). */
export interface TextField {
  name: string;
  label: string;
  rows: number;
  maxLength: number;
  /** The form waits for it (and the browser says so). */
  required?: boolean;
  placeholder?: string;
  /** What the field holds at first (a whistle's description, from its demand). */
  initial?: string;
}

/** What a complete form sends, and what the page says after it; null: not complete yet. */
export type Ready = { body: unknown; done: string } | null;

export interface StepFormProps {
  write: StepWrite;
  onDone: (message: string) => void;
  /** The form's accessible name. */
  name: string;
  /** Behind a button with this label (its 取消 closing it again), or open at once when absent. */
  opens?: { label: string; first: boolean; cancel?: string };
  /** The step's own fields and words, above the text. */
  children?: ReactNode;
  text?: TextField;
  /** More of the step's own fields, below the text. */
  below?: ReactNode;
  /** The photos taken for the step: their legend and where they upload; none when absent. */
  photos?: { legend: string; uploadPath: string };
  /** The request from the text (trimmed) and the photos' upload ids. */
  ready: (text: string, photoIds: string[]) => Ready;
  /** The submit button: its class, its label, and its label while sending. */
  submit: { className: string; label: string; sending: string };
}

/**
 * The frame of every step's form: the step's fields, its text, its photos, the error line, and
 * the submit button, which waits for a complete form, a photo still uploading and the send.
 */
export function StepForm(props: StepFormProps) {
  const { action, send } = useStepWrite(props.write);
  const [text, setText] = useState(props.text?.initial ?? '');
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const written = text.trim();
  const ready =
    props.text?.required === true && written === ''
      ? null
      : props.ready(
          written,
          photos.map((p) => p.id),
        );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready !== null) void send(ready.body, ready.done, props.onDone);
  };
  const field = props.text;
  const button = (
    <button
      type="submit"
      className={props.submit.className}
      disabled={action.pending || uploading || ready === null}
    >
      {action.pending ? props.submit.sending : uploading ? '照片上传中…' : props.submit.label}
    </button>
  );
  const form = (close?: () => void) => (
    <form
      className={close === undefined ? 'form step-form' : 'form'}
      aria-label={props.name}
      onSubmit={submit}
    >
      {props.children}
      {field === undefined ? null : (
        <label>
          {field.label}
          <textarea
            name={field.name}
            rows={field.rows}
            maxLength={field.maxLength}
            required={field.required}
            placeholder={field.placeholder}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      )}
      {props.below}
      {props.photos === undefined ? null : (
        <PhotoPicker
          uploadPath={props.photos.uploadPath}
          photos={photos}
          onChange={setPhotos}
          onUploading={setUploading}
          legend={props.photos.legend}
        />
      )}
      <ActionNote error={action.error} done={null} />
      {close === undefined ? (
        button
      ) : (
        <div className="row">
          {button}
          <button type="button" className="button secondary" onClick={close}>
            {props.opens?.cancel ?? '取消'}
          </button>
        </div>
      )}
    </form>
  );
  const opens = props.opens;
  return opens === undefined ? (
    form()
  ) : (
    <Opening label={opens.label} first={opens.first}>
      {form}
    </Opening>
  );
}

/** A step's whole number of working days (1 to 60), '' when left to the default. */
export function WorkingDaysField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        inputMode="numeric"
        min={1}
        max={60}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
